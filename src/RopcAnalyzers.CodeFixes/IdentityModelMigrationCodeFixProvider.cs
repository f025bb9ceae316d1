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
using RopcAnalyzers.CodeFixes.Support;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC001 fixes for IdentityModel and Duende.IdentityModel <c>RequestPasswordTokenAsync</c> (with a
    /// PasswordTokenRequest, or on a TokenClient): writes beside the password method the two methods of the
    /// authorization code flow with PKCE, or of the device authorization grant, carrying over the token endpoint,
    /// client id, client authentication and scope, and marks the password method [Obsolete] with a message that
    /// names them. The password method itself is unchanged, so its callers keep compiling (with CS0618 pointing at
    /// the new methods). Not offered where a value the new requests need is not within reach.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IdentityModelMigrationCodeFixProvider)), Shared]
    public sealed class IdentityModelMigrationCodeFixProvider : CodeFixProvider
    {
        public const string AuthorizationCodeEquivalenceKey = "ROPC001.IdentityModelAuthorizationCodeWithPkce";
        public const string DeviceFlowEquivalenceKey = "ROPC001.IdentityModelDeviceAuthorization";

        private const string ApiName = "RequestPasswordTokenAsync";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnapprovedRopcRequest);

        // A migration writes new methods and needs a person's review of each: no Fix All.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(RopcSites.Reports(diagnostic, RopcLibrary.IdentityModel, ApiName) || RopcSites.Reports(diagnostic, RopcLibrary.DuendeIdentityModel, ApiName))
                    || await RopcSites.RecognizeAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } site
                    || IdentityModelPasswordCall.TryCreate(site.Model, site.Request, context.CancellationToken) is not { } call)
                {
                    continue;
                }

                if (call.Types.SupportsAuthorizationCode)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Migrate to authorization code + PKCE (browser sign-in)",
                            cancellationToken => MigrateAsync(context.Document, site.Model, call, deviceFlow: false, cancellationToken),
                            AuthorizationCodeEquivalenceKey),
                        diagnostic);
                }

                if (call.Types.SupportsDeviceFlow && call.Resource is null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Migrate to the device authorization grant (sign-in on another device)",
                            cancellationToken => MigrateAsync(context.Document, site.Model, call, deviceFlow: true, cancellationToken),
                            DeviceFlowEquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> MigrateAsync(Document document, SemanticModel model, IdentityModelPasswordCall call, bool deviceFlow, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || call.Method.Parent is not TypeDeclarationSyntax type)
            {
                return document;
            }

            var generator = SyntaxGenerator.GetGenerator(document);
            var template = new CodeTemplate(generator);
            var flows = new IdentityModelFlows(call, template, model);
            if ((deviceFlow ? flows.DeviceFlow() : flows.AuthorizationCode()) is not { } result)
            {
                return document;
            }

            var method = call.Method;
            var obsolete = AttributeInsertion.WithStringArgument((NameSyntax)CodeTemplate.TypeExpression(generator, call.Types.Obsolete!), result.ObsoleteMessage);
            var obsoleteMethod = AttributeInsertion.Add(method, obsolete);
            var index = type.Members.IndexOf(method);
            var members = type.Members.Replace(method, obsoleteMethod).InsertRange(index + 1, result.Members);
            return document.WithSyntaxRoot(root.ReplaceNode(type, type.WithMembers(members)));
        }
    }
}
