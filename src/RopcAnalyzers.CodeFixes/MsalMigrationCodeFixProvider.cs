using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.CodeFixes.Support;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC001 fixes for MSAL public clients: <c>AcquireTokenByUsernamePassword(scopes, user, password)</c> becomes
    /// <c>AcquireTokenInteractive(scopes).WithLoginHint(user)</c> or <c>AcquireTokenWithDeviceCode(scopes, callback)</c>,
    /// keeping the rest of the builder chain. Offered only when every later call in the chain exists on the new
    /// builder and the builder itself does not escape into a variable typed for the password flow. The confidential
    /// client's IByUsernameAndPassword has no browser or device alternative on the same object, so it is not offered.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MsalMigrationCodeFixProvider)), Shared]
    public sealed class MsalMigrationCodeFixProvider : CodeFixProvider
    {
        public const string InteractiveEquivalenceKey = "ROPC001.MsalAcquireTokenInteractive";
        public const string DeviceCodeEquivalenceKey = "ROPC001.MsalAcquireTokenWithDeviceCode";

        private const string MsalNamespace = "Microsoft.Identity.Client.";
        private const string RopcMethodName = "AcquireTokenByUsernamePassword";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnapprovedRopcRequest);

        // Each fix rewrites one call expression; calls never overlap, so batching the edits is safe.
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!RopcSites.Reports(diagnostic, RopcLibrary.Msal, RopcMethodName)
                    || await RopcSites.RecognizeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } site
                    || site.Request.Site is not IInvocationOperation invocation
                    || Migration.TryCreate(site.Model, invocation) is not { } migration)
                {
                    continue;
                }

                if (migration.Interactive)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Sign in with the browser: AcquireTokenInteractive(scopes).WithLoginHint(user)",
                            cancellationToken => ReplaceAsync(context.Document, migration, interactive: true, cancellationToken),
                            InteractiveEquivalenceKey),
                        diagnostic);
                }

                if (migration.DeviceCode)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Sign in on another device: AcquireTokenWithDeviceCode(scopes, callback)",
                            cancellationToken => ReplaceAsync(context.Document, migration, interactive: false, cancellationToken),
                            DeviceCodeEquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, Migration migration, bool interactive, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var call = migration.Call;
            var scopes = migration.Scopes.WithoutTrivia();
            ExpressionSyntax replacement;
            if (interactive)
            {
                replacement = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        Rename(call, "AcquireTokenInteractive", scopes),
                        SyntaxFactory.IdentifierName("WithLoginHint")),
                    Arguments(migration.UserName.WithoutTrivia()));
            }
            else
            {
                // MSAL's own samples show the message on the console; GUI apps replace the callback with their own UI.
                var template = new CodeTemplate(SyntaxGenerator.GetGenerator(document));
                var result = RopcSites.UnusedName(model, call.SpanStart, "deviceCodeResult");
                var callback = template.ParseExpression($"{result} => {template.Type(migration.Console)}.Out.WriteLineAsync({result}.Message)");
                replacement = Rename(call, "AcquireTokenWithDeviceCode", scopes, callback);
            }

            return document.WithSyntaxRoot(root.ReplaceNode(call, replacement.WithTriviaFrom(call)));
        }

        /// <summary>The call with another method name and arguments, keeping its receiver (also after ?.) as written.</summary>
        private static InvocationExpressionSyntax Rename(InvocationExpressionSyntax call, string methodName, params ExpressionSyntax[] arguments)
        {
            var name = SyntaxFactory.IdentifierName(methodName);
            ExpressionSyntax target = call.Expression switch
            {
                MemberAccessExpressionSyntax memberAccess => memberAccess.WithName(name.WithTriviaFrom(memberAccess.Name)),
                MemberBindingExpressionSyntax memberBinding => memberBinding.WithName(name.WithTriviaFrom(memberBinding.Name)),
                _ => name,
            };

            return SyntaxFactory.InvocationExpression(target, Arguments(arguments).WithLeadingTrivia(call.ArgumentList.GetLeadingTrivia()));
        }

        private static ArgumentListSyntax Arguments(params ExpressionSyntax[] arguments)
        {
            var nodes = new System.Collections.Generic.List<SyntaxNodeOrToken>();
            foreach (var argument in arguments)
            {
                if (nodes.Count > 0)
                {
                    nodes.Add(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                }

                nodes.Add(SyntaxFactory.Argument(argument));
            }

            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList<ArgumentSyntax>(nodes));
        }

        private sealed class Migration
        {
            private Migration(InvocationExpressionSyntax call, ExpressionSyntax scopes, ExpressionSyntax userName, INamedTypeSymbol console, bool interactive, bool deviceCode)
            {
                Call = call;
                Scopes = scopes;
                UserName = userName;
                Console = console;
                Interactive = interactive;
                DeviceCode = deviceCode;
            }

            public InvocationExpressionSyntax Call { get; }

            public ExpressionSyntax Scopes { get; }

            public ExpressionSyntax UserName { get; }

            public INamedTypeSymbol Console { get; }

            public bool Interactive { get; }

            public bool DeviceCode { get; }

            public static Migration? TryCreate(SemanticModel model, IInvocationOperation invocation)
            {
                var compilation = model.Compilation;
                var publicClient = compilation.GetTypeByMetadataName(MsalNamespace + "IPublicClientApplication");
                var publicClientClass = compilation.GetTypeByMetadataName(MsalNamespace + "PublicClientApplication");
                var passwordBuilder = compilation.GetTypeByMetadataName(MsalNamespace + "AcquireTokenByUsernamePasswordParameterBuilder");
                var interactiveBuilder = compilation.GetTypeByMetadataName(MsalNamespace + "AcquireTokenInteractiveParameterBuilder");
                var deviceCodeBuilder = compilation.GetTypeByMetadataName(MsalNamespace + "AcquireTokenWithDeviceCodeParameterBuilder");
                var console = compilation.GetTypeByMetadataName("System.Console");
                var method = invocation.TargetMethod;
                if (publicClient is null || passwordBuilder is null || interactiveBuilder is null || deviceCodeBuilder is null || console is null
                    || method.Name != RopcMethodName
                    || !(SymbolEqualityComparer.Default.Equals(method.ContainingType, publicClient) || SymbolEqualityComparer.Default.Equals(method.ContainingType, publicClientClass))
                    || !SymbolEqualityComparer.Default.Equals(invocation.Type, passwordBuilder)
                    || invocation.Syntax is not InvocationExpressionSyntax call
                    || call.Expression is not (MemberAccessExpressionSyntax or MemberBindingExpressionSyntax)
                    || RopcSites.ExpressionOf(RopcSites.Argument(invocation.Arguments, "scopes")) is not { } scopes
                    || RopcSites.ExpressionOf(RopcSites.Argument(invocation.Arguments, "username")) is not { } userName)
                {
                    return null;
                }

                var interactive = true;
                var deviceCode = true;
                IOperation current = invocation;
                while (SymbolEqualityComparer.Default.Equals(current.Type, passwordBuilder))
                {
                    if (ChainedCall(current) is not { } next)
                    {
                        // The builder escapes (a variable, an argument, a return value): its type would change.
                        return null;
                    }

                    interactive &= ExistsOn(next.TargetMethod, passwordBuilder, interactiveBuilder);
                    deviceCode &= ExistsOn(next.TargetMethod, passwordBuilder, deviceCodeBuilder);
                    current = next;
                }

                return interactive || deviceCode ? new Migration(call, scopes, userName, console, interactive, deviceCode) : null;
            }

            /// <summary>The call made on <paramref name="receiver"/>'s result: receiver.Next(...), or Next(receiver, ...) for an extension.</summary>
            private static IInvocationOperation? ChainedCall(IOperation receiver)
            {
                var parent = receiver.Parent;
                while (parent is IConversionOperation { IsImplicit: true })
                {
                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation { Parent: IInvocationOperation extension } argument
                    && extension.TargetMethod.IsExtensionMethod
                    && extension.Arguments.Length > 0
                    && extension.Arguments[0] == argument)
                {
                    return extension;
                }

                return parent is IInvocationOperation call && call.Instance is { } instance && StringValues.Unwrap(instance) == receiver ? call : null;
            }

            /// <summary>Whether a chained call made on the password builder binds the same way on <paramref name="target"/>.</summary>
            private static bool ExistsOn(IMethodSymbol method, INamedTypeSymbol passwordBuilder, INamedTypeSymbol target)
            {
                var receiverType = method.ReducedFrom?.Parameters[0].Type ?? (method.IsExtensionMethod ? method.Parameters[0].Type : method.ContainingType);
                if (receiverType is not INamedTypeSymbol receiver)
                {
                    return false;
                }

                // Declared on the password builder itself (WithFederationMetadata, WithProofOfPossession): the target
                // needs its own; declared on a shared base builder (WithClaims, ExecuteAsync...): the target inherits it.
                return SymbolEqualityComparer.Default.Equals(receiver.OriginalDefinition, passwordBuilder)
                    ? !method.IsExtensionMethod && SymbolMatching.HasSameMethod(target, method)
                    : SymbolMatching.IsOrInherits(target, receiver);
            }
        }
    }
}
