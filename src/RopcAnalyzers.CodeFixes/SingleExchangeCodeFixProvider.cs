using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using RopcAnalyzers.Persistence;
using RopcAnalyzers.Recognition;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC002 on a password field: the request that replays the password grant uses the password for the first
    /// exchange only, clears the field, keeps the refresh token (IdentityModel) or the signed-in account (MSAL) in a
    /// new field, and makes every later exchange with RequestRefreshTokenAsync or AcquireTokenSilent.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SingleExchangeCodeFixProvider)), Shared]
    public sealed class SingleExchangeCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "ROPC002.ExchangePasswordOnce";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PasswordPersisted);

        /// <summary>The fix adds a field and rewrites a method: it is not local, so there is no Fix All.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.PersistenceChannel, out var channel) || channel != nameof(PersistenceChannel.Field))
                {
                    continue;
                }

                var plan = await SingleExchangePlan.TryCreateAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (plan is not null)
                {
                    context.RegisterCodeFix(CodeAction.Create(plan.Title, plan.ApplyAsync, EquivalenceKey), diagnostic);
                }
            }
        }

        private enum Flavor
        {
            /// <summary>IdentityModel's HttpClient/HttpMessageInvoker extension with a PasswordTokenRequest.</summary>
            IdentityModelExtension,

            /// <summary>IdentityModel's TokenClient.RequestPasswordTokenAsync(userName, password, ...).</summary>
            IdentityModelTokenClient,

            /// <summary>MSAL's public client AcquireTokenByUsernamePassword(...).ExecuteAsync().</summary>
            MsalPublicClient,
        }

        private enum StatementForm
        {
            Declaration,
            Assignment,
            Return,
        }

        /// <summary>Everything the rewrite needs, checked up front so that the fix is offered only when it is safe.</summary>
        private sealed class SingleExchangePlan
        {
            private Document document = null!;
            private IFieldSymbol passwordField = null!;
            private FieldDeclarationSyntax fieldDeclaration = null!;
            private Flavor flavor;
            private StatementForm form;
            private StatementSyntax statement = null!;
            private AwaitExpressionSyntax awaitExpression = null!;
            private InvocationExpressionSyntax site = null!;
            private InvocationExpressionSyntax refreshCall = null!;
            private ITypeSymbol resultType = null!;
            private ExpressionSyntax? assignedTarget;
            private string resultName = null!;
            private string keptName = null!;
            private ITypeSymbol keptType = null!;
            private bool annotateNullable;
            private ExpressionSyntax fieldAccess = null!;

            public string Title => flavor == Flavor.MsalPublicClient
                ? $"Exchange the password once and keep the account: clear '{passwordField.Name}' after the first request, then call AcquireTokenSilent"
                : $"Exchange the password once and keep the refresh token: clear '{passwordField.Name}' after the first request, then call RequestRefreshTokenAsync";

            public static async Task<SingleExchangePlan?> TryCreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (diagnostic.AdditionalLocations.Count != 1)
                {
                    return null;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var requestLocation = diagnostic.AdditionalLocations[0];
                if (root is null || model is null || requestLocation.SourceTree != root.SyntaxTree)
                {
                    return null;
                }

                if (root.FindNode(diagnostic.Location.SourceSpan) is not VariableDeclaratorSyntax declarator
                    || declarator.Parent?.Parent is not FieldDeclarationSyntax fieldDeclaration
                    || fieldDeclaration.Declaration.Variables.Count != 1
                    || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private, IsConst: false, Type.SpecialType: SpecialType.System_String } passwordField)
                {
                    return null;
                }

                var siteNode = root.FindNode(requestLocation.SourceSpan, getInnermostNodeForTie: true);
                if (!RopcRecognizer.Default.TryRecognizeAt(model, siteNode, cancellationToken, out var request)
                    || request.Site is not IInvocationOperation { Syntax: InvocationExpressionSyntax siteSyntax } invocation
                    || FlavorOf(request, invocation) is not { } flavor)
                {
                    return null;
                }

                var plan = new SingleExchangePlan
                {
                    document = document,
                    passwordField = passwordField,
                    fieldDeclaration = fieldDeclaration,
                    flavor = flavor,
                    site = siteSyntax,
                };

                return plan.TryFindStatement(model, cancellationToken)
                       && plan.TryCheckTheFieldIsOnlyReadByTheRequest(model, request, cancellationToken)
                       && plan.TryChooseNames(model, cancellationToken)
                       && plan.TryBuildRefreshCall(model, request, invocation, cancellationToken)
                    ? plan
                    : null;
            }

            private static Flavor? FlavorOf(RopcRequest request, IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                switch (request.Library)
                {
                    case RopcLibrary.IdentityModel or RopcLibrary.DuendeIdentityModel when method.Name == "RequestPasswordTokenAsync":
                        return method.ContainingType.Name switch
                        {
                            "HttpClientTokenRequestExtensions" => Flavor.IdentityModelExtension,
                            "TokenClient" => Flavor.IdentityModelTokenClient,
                            _ => null,
                        };

                    case RopcLibrary.Msal when method.Name == "AcquireTokenByUsernamePassword"
                                               && method.ContainingType.Name is "IPublicClientApplication" or "PublicClientApplication"
                                               && method.Parameters.Length == 3
                                               && method.Parameters[2].Type.SpecialType == SpecialType.System_String:
                        return Flavor.MsalPublicClient;

                    default:
                        return null;
                }
            }

            /// <summary>The request must be awaited as a whole statement in a method body: var x = await ...; x = await ...; or return await ...;.</summary>
            private bool TryFindStatement(SemanticModel model, CancellationToken cancellationToken)
            {
                ExpressionSyntax awaited = site;
                if (flavor == Flavor.MsalPublicClient)
                {
                    if (awaited.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ExecuteAsync" } execute
                        || execute.Parent is not InvocationExpressionSyntax executeCall
                        || !executeCall.ArgumentList.Arguments.All(argument => SafeExpressions.IsSideEffectFree(argument.Expression)))
                    {
                        return false;
                    }

                    awaited = executeCall;
                }

                if (awaited.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure
                    && configure.Parent is InvocationExpressionSyntax configureCall)
                {
                    awaited = configureCall;
                }

                if (awaited.Parent is not AwaitExpressionSyntax awaitSyntax)
                {
                    return false;
                }

                awaitExpression = awaitSyntax;
                switch (awaitSyntax.Parent)
                {
                    case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } when variable.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local }
                                                                                                     && local.Modifiers.Count == 0 && local.UsingKeyword.IsKind(SyntaxKind.None):
                        form = StatementForm.Declaration;
                        statement = local;
                        resultName = variable.Identifier.ValueText;
                        break;

                    case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax expressionStatement } assignment
                        when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == awaitSyntax && SafeExpressions.IsSideEffectFree(assignment.Left):
                        form = StatementForm.Assignment;
                        statement = expressionStatement;
                        assignedTarget = assignment.Left;
                        break;

                    case ReturnStatementSyntax returnStatement:
                        form = StatementForm.Return;
                        statement = returnStatement;
                        break;

                    default:
                        return false;
                }

                if (statement.Parent is not BlockSyntax
                    || statement.FirstAncestorOrSelf<SyntaxNode>(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax) is not MethodDeclarationSyntax
                    || model.GetTypeInfo(awaitSyntax, cancellationToken).Type is not { TypeKind: not TypeKind.Error } type)
                {
                    return false;
                }

                resultType = type;
                return true;
            }

            /// <summary>
            /// Clearing the field must not change anything else: every read of it is the one that feeds this request,
            /// and the type is declared in this document only.
            /// </summary>
            private bool TryCheckTheFieldIsOnlyReadByTheRequest(SemanticModel model, RopcRequest request, CancellationToken cancellationToken)
            {
                var method = statement.FirstAncestorOrSelf<MethodDeclarationSyntax>()!;
                var trail = PasswordTrail.Follow(request, model.GetDeclaredSymbol(method, cancellationToken), cancellationToken);
                if (trail is null || !trail.KeptMembers.Any(kept => SymbolEqualityComparer.Default.Equals(kept.Symbol, passwordField)))
                {
                    return false;
                }

                var allowedReads = request.RequestObjectCreation?.Syntax;
                foreach (var reference in passwordField.ContainingType.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != statement.SyntaxTree)
                    {
                        return false;
                    }

                    foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (name.Identifier.ValueText != passwordField.Name
                            || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, passwordField))
                        {
                            continue;
                        }

                        ExpressionSyntax access = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ? memberAccess : name;
                        var isWrite = access.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == access;
                        var isReadForThisRequest = statement.Span.Contains(name.Span) || (allowedReads is not null && allowedReads.Span.Contains(name.Span));
                        if (!isWrite && !isReadForThisRequest)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private bool TryBuildRefreshCall(SemanticModel model, RopcRequest request, IInvocationOperation invocation, CancellationToken cancellationToken)
            {
                if (site.Expression is not MemberAccessExpressionSyntax callee || !SafeExpressions.IsSideEffectFree(callee.Expression))
                {
                    return false;
                }

                var method = invocation.TargetMethod;
                switch (flavor)
                {
                    case Flavor.IdentityModelExtension:
                        return TryBuildRefreshRequestCall(model, request, invocation, callee, cancellationToken);

                    case Flavor.IdentityModelTokenClient:
                        if (method.ContainingType.GetMembers("RequestRefreshTokenAsync").IsEmpty)
                        {
                            return false;
                        }

                        var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>();
                        arguments.Add(Argument(IdentifierName(keptName)));
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null || argument.Parameter.Name is "userName" or "password")
                            {
                                continue;
                            }

                            if (argument.Syntax is not ArgumentSyntax original || !SafeExpressions.IsSideEffectFree(original.Expression))
                            {
                                return false;
                            }

                            arguments.Add(Argument(NameColon(argument.Parameter.Name), default, original.Expression.WithoutTrivia()));
                        }

                        keptType = model.Compilation.GetSpecialType(SpecialType.System_String);
                        refreshCall = site.WithExpression(callee.WithName(IdentifierName("RequestRefreshTokenAsync")))
                            .WithArgumentList(ArgumentList(SeparatedList(arguments)));
                        return true;

                    case Flavor.MsalPublicClient:
                        // The account's tokens are in the application's cache: the application must outlive this call.
                        var scopes = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "scopes")?.Syntax as ArgumentSyntax;
                        if (model.GetSymbolInfo(callee.Expression, cancellationToken).Symbol is not (IFieldSymbol or IPropertySymbol)
                            || scopes is null
                            || !SafeExpressions.IsSideEffectFree(scopes.Expression)
                            || model.Compilation.GetTypeByMetadataName("Microsoft.Identity.Client.IAccount") is not { } account)
                        {
                            return false;
                        }

                        keptType = account;
                        refreshCall = site.WithExpression(callee.WithName(IdentifierName("AcquireTokenSilent")))
                            .WithArgumentList(ArgumentList(SeparatedList(new[] { Argument(scopes.Expression.WithoutTrivia()), Argument(IdentifierName(keptName)) })));
                        return true;

                    default:
                        return false;
                }
            }

            /// <summary>new RefreshTokenRequest { (the password request's members but UserName and Password), RefreshToken = kept }.</summary>
            private bool TryBuildRefreshRequestCall(SemanticModel model, RopcRequest request, IInvocationOperation invocation, MemberAccessExpressionSyntax callee, CancellationToken cancellationToken)
            {
                if (request.RequestObjectCreation is not { Syntax: BaseObjectCreationExpressionSyntax creation } passwordRequest
                    || passwordRequest.Arguments.Length != 0
                    || creation.Initializer is not { } initializer
                    || !initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
                    || passwordRequest.Type is not INamedTypeSymbol passwordRequestType
                    || passwordRequestType.ContainingNamespace.GetTypeMembers("RefreshTokenRequest").FirstOrDefault() is not { } refreshRequestType
                    || invocation.TargetMethod.ContainingType.GetMembers("RequestRefreshTokenAsync").IsEmpty)
                {
                    return false;
                }

                // The refresh request copies the password request's members but UserName and Password, in its layout.
                var elements = initializer.Expressions;
                var items = new System.Collections.Generic.List<SyntaxNodeOrToken>();
                ExpressionSyntax? lastKept = null;
                for (var i = 0; i < elements.Count; i++)
                {
                    if (elements[i] is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } assignment
                        || !SafeExpressions.IsSideEffectFree(assignment.Right))
                    {
                        return false;
                    }

                    if (member.Identifier.ValueText is "UserName" or "Password")
                    {
                        continue;
                    }

                    if (!HasMember(refreshRequestType, member.Identifier.ValueText, assignment.Right is InitializerExpressionSyntax))
                    {
                        return false;
                    }

                    items.Add(assignment);
                    lastKept = assignment;
                    if (i < elements.SeparatorCount)
                    {
                        items.Add(elements.GetSeparator(i));
                    }
                }

                if (items.Count > 0 && items[items.Count - 1].IsNode)
                {
                    items.Add(Token(default, SyntaxKind.CommaToken, elements.SeparatorCount > 0 ? elements.GetSeparator(0).TrailingTrivia : TriviaList(Space)));
                }

                // Concrete whitespace, not elastic: the formatter would otherwise re-lay out the whole initializer.
                items.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("RefreshToken"), IdentifierName(keptName))
                    .NormalizeWhitespace()
                    .WithLeadingTrivia((lastKept ?? elements.FirstOrDefault())?.GetLeadingTrivia() ?? default));
                if (elements.Count > 0 && elements.SeparatorCount == elements.Count)
                {
                    items.Add(elements.GetSeparator(elements.SeparatorCount - 1));
                }

                var generator = SyntaxGenerator.GetGenerator(document);
                var refreshInitializer = initializer.WithExpressions(SeparatedList<ExpressionSyntax>(items));
                ExpressionSyntax refreshRequest = creation is ObjectCreationExpressionSyntax typed
                    ? typed.WithType(((TypeSyntax)generator.TypeExpression(refreshRequestType)).WithTriviaFrom(typed.Type).WithAdditionalAnnotations(Simplifier.Annotation)).WithInitializer(refreshInitializer)
                    : ((ImplicitObjectCreationExpressionSyntax)creation).WithInitializer(refreshInitializer);
                refreshRequest = refreshRequest.WithoutLeadingTrivia();

                var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>();
                var replacedRequest = false;
                foreach (var argument in site.ArgumentList.Arguments)
                {
                    if (argument.Span.Contains(creation.Span) || (creation.Parent is EqualsValueClauseSyntax && IsReferenceToRequestLocal(model, argument, passwordRequest, cancellationToken)))
                    {
                        arguments.Add(argument.WithExpression(refreshRequest));
                        replacedRequest = true;
                    }
                    else if (SafeExpressions.IsSideEffectFree(argument.Expression))
                    {
                        arguments.Add(argument);
                    }
                    else
                    {
                        return false;
                    }
                }

                keptType = model.Compilation.GetSpecialType(SpecialType.System_String);
                refreshCall = site.WithExpression(callee.WithName(IdentifierName("RequestRefreshTokenAsync")))
                    .WithArgumentList(site.ArgumentList.WithArguments(SeparatedList(arguments)));
                return replacedRequest;
            }

            private static bool IsReferenceToRequestLocal(SemanticModel model, ArgumentSyntax argument, IObjectCreationOperation creation, CancellationToken cancellationToken)
                => argument.Expression is IdentifierNameSyntax name
                   && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
                   && creation.Syntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                   && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), local);

            /// <summary>A settable member, or any property for a collection initializer (Parameters = { ... }).</summary>
            private static bool HasMember(INamedTypeSymbol type, string name, bool collectionInitializer)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(name))
                    {
                        if (member is IPropertySymbol property && (collectionInitializer || property.SetMethod is not null))
                        {
                            return true;
                        }

                        if (member is IFieldSymbol { IsReadOnly: false, IsConst: false })
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private bool TryChooseNames(SemanticModel model, CancellationToken cancellationToken)
            {
                var prefix = passwordField.Name.StartsWith("_", System.StringComparison.Ordinal) ? "_" : string.Empty;
                keptName = UniqueName(model, prefix + (flavor == Flavor.MsalPublicClient ? "account" : "refreshToken"), cancellationToken);
                if (form == StatementForm.Return)
                {
                    resultName = UniqueName(model, flavor == Flavor.MsalPublicClient ? "result" : "response", cancellationToken);
                }

                // Inside the method a parameter or local may hide the field: then name it with this. or its type.
                var visible = model.LookupSymbols(statement.SpanStart, name: passwordField.Name).FirstOrDefault();
                fieldAccess = SymbolEqualityComparer.Default.Equals(visible, passwordField)
                    ? IdentifierName(passwordField.Name)
                    : MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, passwordField.IsStatic ? IdentifierName(passwordField.ContainingType.Name) : ThisExpression(), IdentifierName(passwordField.Name));

                annotateNullable = model.GetNullableContext(fieldDeclaration.SpanStart).AnnotationsEnabled();
                return true;
            }

            private string UniqueName(SemanticModel model, string baseName, CancellationToken cancellationToken)
            {
                var name = baseName;
                for (var suffix = 2; !model.LookupSymbols(statement.SpanStart, name: name).IsEmpty || !passwordField.ContainingType.GetMembers(name).IsEmpty; suffix++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    name = baseName + suffix;
                }

                return name;
            }

            public async Task<Document> ApplyAsync(CancellationToken cancellationToken)
            {
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                var generator = editor.Generator;
                ExpressionSyntax kept = IdentifierName(keptName);
                var refreshAwait = awaitExpression.ReplaceNode(site, refreshCall);

                var result = form == StatementForm.Assignment ? assignedTarget!.WithoutTrivia() : IdentifierName(resultName);
                var clearValue = annotateNullable && passwordField.Type.NullableAnnotation != NullableAnnotation.Annotated
                    ? (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(SpecialType.System_String), "Empty")
                    : LiteralExpression(SyntaxKind.NullLiteralExpression);

                var firstExchange = Block(
                    ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, result, awaitExpression.WithoutTrivia())),
                    ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, fieldAccess, clearValue)));
                var laterExchanges = Block(ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, result, refreshAwait.WithoutTrivia())));
                var exchange = IfStatement(
                    IsPatternExpression(kept, ConstantPattern(LiteralExpression(SyntaxKind.NullLiteralExpression))),
                    firstExchange,
                    ElseClause(laterExchanges));

                ExpressionSyntax keptValue = flavor == Flavor.MsalPublicClient
                    ? MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, result, IdentifierName("Account"))
                    : BinaryExpression(SyntaxKind.CoalesceExpression, MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, result, IdentifierName("RefreshToken")), kept);
                var keep = ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, kept, keptValue));

                var statements = new System.Collections.Generic.List<StatementSyntax>();
                if (form != StatementForm.Assignment)
                {
                    statements.Add(LocalDeclarationStatement(VariableDeclaration(
                        (TypeSyntax)generator.TypeExpression(resultType).WithAdditionalAnnotations(Simplifier.Annotation),
                        SingletonSeparatedList(VariableDeclarator(resultName)))));
                }

                statements.Add(exchange);
                statements.Add(keep);
                if (form == StatementForm.Return)
                {
                    statements.Add(ReturnStatement(IdentifierName(resultName)));
                }

                var block = (BlockSyntax)statement.Parent!;
                var annotated = statements.Select((s, i) => (i == 0 ? s.WithLeadingTrivia(statement.GetLeadingTrivia()) : s).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
                annotated[annotated.Count - 1] = annotated[annotated.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
                var index = block.Statements.IndexOf(statement);
                editor.ReplaceNode(block, block.WithStatements(block.Statements.RemoveAt(index).InsertRange(index, annotated)));

                // The password field is now assigned after construction, and the kept token or account sits next to it.
                var readonlyModifier = fieldDeclaration.Modifiers.FirstOrDefault(modifier => modifier.IsKind(SyntaxKind.ReadOnlyKeyword));
                var updatedField = readonlyModifier == default
                    ? fieldDeclaration
                    : fieldDeclaration.WithModifiers(fieldDeclaration.Modifiers.Remove(readonlyModifier));
                var keptTypeSyntax = (TypeSyntax)generator.TypeExpression(keptType).WithAdditionalAnnotations(Simplifier.Annotation);
                if (annotateNullable)
                {
                    keptTypeSyntax = NullableType(keptTypeSyntax);
                }

                var modifiers = TokenList(Token(SyntaxKind.PrivateKeyword));
                if (passwordField.IsStatic)
                {
                    modifiers = modifiers.Add(Token(SyntaxKind.StaticKeyword));
                }

                var keptField = FieldDeclaration(VariableDeclaration(keptTypeSyntax, SingletonSeparatedList(VariableDeclarator(keptName))))
                    .WithModifiers(modifiers)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                editor.InsertAfter(fieldDeclaration, keptField);
                editor.ReplaceNode(fieldDeclaration, updatedField);
                return editor.GetChangedDocument();
            }
        }
    }
}
