using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.CodeFixes.Support;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC001 fixes for Azure.Identity: <c>new UsernamePasswordCredential(user, password, tenantId, clientId[, options])</c>
    /// becomes <c>new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions { TenantId, ClientId, LoginHint })</c>
    /// or <c>new DeviceCodeCredential(new DeviceCodeCredentialOptions { TenantId, ClientId })</c>. Settings written in an
    /// options initializer are carried over; options built elsewhere cannot be, and a credential used as a
    /// UsernamePasswordCredential (not a TokenCredential) would stop compiling, so neither is offered.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AzureIdentityMigrationCodeFixProvider)), Shared]
    public sealed class AzureIdentityMigrationCodeFixProvider : CodeFixProvider
    {
        public const string InteractiveBrowserEquivalenceKey = "ROPC001.AzureInteractiveBrowserCredential";
        public const string DeviceCodeEquivalenceKey = "ROPC001.AzureDeviceCodeCredential";

        private const string AzureIdentityNamespace = "Azure.Identity.";
        private const string CredentialName = "UsernamePasswordCredential";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnapprovedRopcRequest);

        // Each fix rewrites one creation expression; creations never overlap, so batching the edits is safe.
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!RopcSites.Reports(diagnostic, RopcLibrary.AzureIdentity, CredentialName)
                    || await RopcSites.RecognizeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } site
                    || site.Request.Site is not IObjectCreationOperation creation
                    || Migration.TryCreate(site.Model.Compilation, creation) is not { } migration)
                {
                    continue;
                }

                if (migration.InteractiveBrowser is { } interactive)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Sign in with the browser: InteractiveBrowserCredential",
                            cancellationToken => ReplaceAsync(context.Document, migration, interactive, cancellationToken),
                            InteractiveBrowserEquivalenceKey),
                        diagnostic);
                }

                if (migration.DeviceCode is { } deviceCode)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Sign in on another device: DeviceCodeCredential",
                            cancellationToken => ReplaceAsync(context.Document, migration, deviceCode, cancellationToken),
                            DeviceCodeEquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, Migration migration, Target target, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var template = new CodeTemplate(SyntaxGenerator.GetGenerator(document));
            var members = new List<string>
            {
                "TenantId = " + migration.TenantId.WithoutTrivia().ToFullString(),
                "ClientId = " + migration.ClientId.WithoutTrivia().ToFullString(),
            };

            if (target.TakesLoginHint)
            {
                members.Add("LoginHint = " + migration.UserName.WithoutTrivia().ToFullString());
            }

            foreach (var carried in migration.CarriedOptions)
            {
                members.Add(carried.WithoutTrivia().ToFullString());
            }

            var text = new StringBuilder()
                .Append("new ").Append(template.Type(target.Credential))
                .Append("(new ").Append(template.Type(target.Options))
                .Append(" { ").Append(string.Join(", ", members)).Append(" })")
                .ToString();
            var replacement = template.ParseExpression(text).WithTriviaFrom(migration.Creation);
            return document.WithSyntaxRoot(root.ReplaceNode(migration.Creation, replacement));
        }

        private sealed class Target
        {
            public Target(INamedTypeSymbol credential, INamedTypeSymbol options, bool takesLoginHint)
            {
                Credential = credential;
                Options = options;
                TakesLoginHint = takesLoginHint;
            }

            public INamedTypeSymbol Credential { get; }

            public INamedTypeSymbol Options { get; }

            public bool TakesLoginHint { get; }
        }

        private sealed class Migration
        {
            private Migration(ObjectCreationExpressionSyntax creation, ExpressionSyntax userName, ExpressionSyntax tenantId, ExpressionSyntax clientId, ImmutableArray<ExpressionSyntax> carriedOptions)
            {
                Creation = creation;
                UserName = userName;
                TenantId = tenantId;
                ClientId = clientId;
                CarriedOptions = carriedOptions;
            }

            public ObjectCreationExpressionSyntax Creation { get; }

            public ExpressionSyntax UserName { get; }

            public ExpressionSyntax TenantId { get; }

            public ExpressionSyntax ClientId { get; }

            /// <summary>The member initializers of the original options (AuthorityHost = ..., Retry = { ... }).</summary>
            public ImmutableArray<ExpressionSyntax> CarriedOptions { get; }

            public Target? InteractiveBrowser { get; private set; }

            public Target? DeviceCode { get; private set; }

            public static Migration? TryCreate(Compilation compilation, IObjectCreationOperation creation)
            {
                var passwordCredential = compilation.GetTypeByMetadataName(AzureIdentityNamespace + CredentialName);
                if (passwordCredential is null
                    || !SymbolEqualityComparer.Default.Equals(creation.Type, passwordCredential)
                    || creation.Syntax is not ObjectCreationExpressionSyntax syntax
                    || RopcSites.ExpressionOf(RopcSites.Argument(creation.Arguments, "username")) is not { } userName
                    || RopcSites.ExpressionOf(RopcSites.Argument(creation.Arguments, "tenantId")) is not { } tenantId
                    || RopcSites.ExpressionOf(RopcSites.Argument(creation.Arguments, "clientId")) is not { } clientId)
                {
                    return null;
                }

                var options = RopcSites.Argument(creation.Arguments, "options")?.Value;
                IObjectCreationOperation? optionsCreation = null;
                if (options is not null && StringValues.Unwrap(options) is not { ConstantValue: { HasValue: true, Value: null } })
                {
                    optionsCreation = StringValues.Unwrap(options) as IObjectCreationOperation;
                    if (optionsCreation is null || !optionsCreation.Arguments.IsEmpty || optionsCreation.Syntax is not ObjectCreationExpressionSyntax)
                    {
                        return null;
                    }
                }

                var migration = new Migration(syntax, userName, tenantId, clientId, CarriedSyntax(optionsCreation));
                migration.InteractiveBrowser = TryTarget(compilation, creation, optionsCreation, passwordCredential, "InteractiveBrowserCredential", takesLoginHint: true);
                migration.DeviceCode = TryTarget(compilation, creation, optionsCreation, passwordCredential, "DeviceCodeCredential", takesLoginHint: false);
                return migration.InteractiveBrowser is null && migration.DeviceCode is null ? null : migration;
            }

            private static ImmutableArray<ExpressionSyntax> CarriedSyntax(IObjectCreationOperation? options)
                => options?.Syntax is ObjectCreationExpressionSyntax { Initializer: { } initializer }
                    ? ImmutableArray.CreateRange(initializer.Expressions)
                    : ImmutableArray<ExpressionSyntax>.Empty;

            private static Target? TryTarget(Compilation compilation, IObjectCreationOperation creation, IObjectCreationOperation? options, INamedTypeSymbol passwordCredential, string credentialName, bool takesLoginHint)
            {
                var credential = compilation.GetTypeByMetadataName(AzureIdentityNamespace + credentialName);
                var credentialOptions = compilation.GetTypeByMetadataName(AzureIdentityNamespace + credentialName + "Options");
                if (credential is null || credentialOptions is null
                    || !OptionsCarryOver(options, credentialOptions)
                    || !UsesFit(compilation, creation, passwordCredential, credential))
                {
                    return null;
                }

                return new Target(credential, credentialOptions, takesLoginHint);
            }

            /// <summary>Every member the original options initializer sets exists, with the same type, on the target options.</summary>
            private static bool OptionsCarryOver(IObjectCreationOperation? options, INamedTypeSymbol targetOptions)
            {
                if (options?.Initializer is not { } initializer)
                {
                    return true;
                }

                foreach (var member in initializer.Initializers)
                {
                    var property = member switch
                    {
                        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } => target.Property,
                        IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation target } => target.Property,
                        _ => null,
                    };

                    if (property is null || FindProperty(targetOptions, property.Name) is not { } targetProperty
                        || !SymbolEqualityComparer.Default.Equals(targetProperty.Type, property.Type)
                        || (member is ISimpleAssignmentOperation && targetProperty.SetMethod is null))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
                => SymbolMatching.MembersIncludingInherited(type, name).OfType<IPropertySymbol>().FirstOrDefault();

            /// <summary>
            /// Whether the code keeps compiling when the credential's type changes: it is used as a TokenCredential
            /// (converted, or only its TokenCredential members called), directly or through a <c>var</c> local.
            /// </summary>
            private static bool UsesFit(Compilation compilation, IObjectCreationOperation creation, INamedTypeSymbol passwordCredential, INamedTypeSymbol target)
            {
                var parent = creation.Parent;
                if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    && declarator.Syntax is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } })
                {
                    foreach (var descendant in OperationTree.Root(creation).Descendants())
                    {
                        if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                        {
                            if (!UseFits(compilation, reference, passwordCredential, target))
                            {
                                return false;
                            }
                        }
                    }

                    return true;
                }

                return UseFits(compilation, creation, passwordCredential, target);
            }

            private static bool UseFits(Compilation compilation, IOperation value, INamedTypeSymbol passwordCredential, INamedTypeSymbol target)
            {
                switch (value.Parent)
                {
                    case IConversionOperation conversion:
                        return conversion.Type is { } convertedTo
                               && !SymbolEqualityComparer.Default.Equals(convertedTo, passwordCredential)
                               && compilation.ClassifyCommonConversion(target, convertedTo) is { IsImplicit: true, IsReference: true };

                    case IInvocationOperation invocation when invocation.Instance is { } instance && StringValues.Unwrap(instance) == value:
                        return SymbolMatching.HasSameMethod(target, invocation.TargetMethod);

                    case IExpressionStatementOperation:
                        return true;

                    default:
                        return false;
                }
            }
        }
    }
}
