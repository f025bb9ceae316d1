using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// The one place that decides whether an operation is an ROPC (grant_type=password) request site and
    /// extracts its parts. Rules register <see cref="SiteOperationKinds"/> and call <see cref="TryRecognize"/>;
    /// code fixes and tools call it on the operation at a diagnostic's location. One instance serves one
    /// compilation and holds no state that outlives it.
    /// </summary>
    public sealed class RopcRecognizer
    {
        /// <summary>The .editorconfig key that lists a team's own wrappers, as "Namespace.Type.Method" (or "Namespace.Type..ctor"), separated by commas (.editorconfig treats a semicolon as the start of a comment).</summary>
        public const string ConfiguredApisOptionKey = "ropc_analyzers.additional_ropc_apis";

        /// <summary>Every operation kind that can be an ROPC request site.</summary>
        public static readonly ImmutableArray<OperationKind> SiteOperationKinds = ImmutableArray.Create(
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.Tuple,
            OperationKind.Literal,
            OperationKind.InterpolatedString,
            OperationKind.Binary,
            OperationKind.PropertyInitializer,
            OperationKind.FieldInitializer,
            OperationKind.Return);

        private static readonly bool[] SiteKinds = SiteKindTable();

        internal const string GrantTypeKey = "grant_type";
        internal const string PasswordGrant = "password";
        internal const string Auth0PasswordRealmGrant = "http://auth0.com/oauth/grant-type/password-realm";
        private const string FormFieldDescription = "form field grant_type=password";
        private const string FormBodyDescription = "request body with grant_type=password";
        private const string OpenGrantFormDescription = "form field grant_type";

        private readonly RopcApiCatalog catalog;
        private readonly GrantValues grants;
        private readonly SourceScan? scan;
        private readonly ReachOnce? reach;

        private RopcRecognizer(RopcApiCatalog catalog, GrantValues grants, SourceScan? scan, RopcWrapperExports? referencedWrappers = null)
        {
            this.catalog = catalog;
            this.grants = grants;
            this.scan = scan;
            if (scan is not null)
            {
                // The wrappers are learned by a recognizer that knows no wrapper (the requests they reach).
                var direct = new RopcRecognizer(catalog, grants, scan: null);
                var referenced = referencedWrappers ?? RopcWrapperExports.Empty;
                reach = new ReachOnce(cancellationToken => RequestReach.Build(scan, direct, referenced, cancellationToken));
            }
        }

        /// <summary>The recognizer with only the built-in catalog, and no knowledge of a compilation's own wrappers or grant-holding members.</summary>
        public static RopcRecognizer Default { get; } = new(RopcApiCatalog.Default, GrantValues.ConstantsOnly, scan: null);

        /// <summary>
        /// Creates the recognizer for one compilation, reading the configured wrapper APIs from the global options
        /// and from the .editorconfig options of every file of <paramref name="compilation"/> (their union applies),
        /// and keeping only the catalogued APIs whose namespace the compilation can see.
        /// </summary>
        public static RopcRecognizer Create(AnalyzerOptions? options, Compilation compilation)
            => Create(options, compilation, RopcWrapperExports.Empty);

        /// <summary>
        /// Creates the recognizer for one compilation that also knows the wrappers of the compilations it references
        /// (<see cref="ExportWrappers"/> of each): a call of one of them is a <see cref="RopcRequestKind.WrapperCall"/> whose
        /// chain continues into the referenced project. For tools that load a whole solution; the analyzers use the
        /// overload without, as a build analyses one compilation at a time.
        /// </summary>
        public static RopcRecognizer Create(AnalyzerOptions? options, Compilation compilation, RopcWrapperExports referencedWrappers)
        {
            var names = options is null ? null : Options.RopcOptions.ListValues(options, compilation, ConfiguredApisOptionKey);
            var catalog = names is null || names.Count == 0 ? RopcApiCatalog.Default : RopcApiCatalog.Default.WithConfiguredApis(names);
            var scan = new SourceScan(compilation);
            return new RopcRecognizer(catalog.ReachableFrom(compilation), new GrantValues(scan), scan, referencedWrappers);
        }

        /// <summary>
        /// The wrappers of this recognizer's compilation (learned now if no call asked yet), with those of the referenced
        /// compilations it was given, for the compilations that reference this one. Empty for <see cref="Default"/>.
        /// </summary>
        public RopcWrapperExports ExportWrappers(CancellationToken cancellationToken)
            => reach is null ? RopcWrapperExports.Empty : RopcWrapperExports.From(Reach(cancellationToken).Wrappers);

        internal RopcApiCatalog Catalog => catalog;

        internal GrantValues Grants => grants;

        /// <summary>The source reader of the compilation this recognizer was created for; null for <see cref="Default"/>.</summary>
        internal SourceScan? Scan => scan;

        /// <summary>The compilation's own methods that pass their parameters on to an ROPC request, learned on first use.</summary>
        internal RequestReach Reach(CancellationToken cancellationToken) => reach?.Get(cancellationToken) ?? RequestReach.None;

        /// <summary>Whether an operation of <paramref name="kind"/> can be a request site (<see cref="SiteOperationKinds"/>).</summary>
        internal static bool IsSiteKind(OperationKind kind) => (uint)kind < (uint)SiteKinds.Length && SiteKinds[(int)kind];

        private static bool[] SiteKindTable()
        {
            var table = new bool[256];
            foreach (var kind in SiteOperationKinds)
            {
                table[(int)kind] = true;
            }

            return table;
        }

        public static bool IsPasswordGrantValue(string value)
            => value == PasswordGrant || value == Auth0PasswordRealmGrant;

        /// <summary>Decides whether <paramref name="operation"/> is an ROPC request site and extracts its parts.</summary>
        public bool TryRecognize(IOperation operation, CancellationToken cancellationToken, [NotNullWhen(true)] out RopcRequest? request)
        {
            request = operation switch
            {
                IInvocationOperation invocation => RecognizeInvocation(invocation, cancellationToken),
                IObjectCreationOperation creation => RecognizeCreation(creation, cancellationToken),
                ISimpleAssignmentOperation assignment when SqlClientPassword.IsPasswordAuthentication(assignment.Value)
                    => new RopcRequest(operation, RopcLibrary.OtherVendor, RopcRequestKind.ClientConfiguration, SqlClientPassword.ApiName, SqlClientPassword.Description),
                ISimpleAssignmentOperation or ITupleOperation or IPropertyInitializerOperation or IFieldInitializerOperation or IReturnOperation
                    => RecognizeFormField(operation, cancellationToken),
                ILiteralOperation literal when SqlClientPassword.IsPasswordConnectionString(literal)
                    => new RopcRequest(operation, RopcLibrary.OtherVendor, RopcRequestKind.ClientConfiguration, SqlClientPassword.ApiName, SqlClientPassword.Description),
                ILiteralOperation or IInterpolatedStringOperation or IBinaryOperation => FormBody.Recognize(operation, cancellationToken),
                _ => null,
            };

            if (request is { Library: RopcLibrary.HandWrittenHttp, EndpointAddress: null, Kind: not RopcRequestKind.WrapperCall })
            {
                request.EndpointAddress = EndpointAddresses.Find(request.Site, cancellationToken);
            }

            return request is not null;
        }

        /// <summary>Finds the request site of a diagnostic: the operation at <paramref name="node"/> or the nearest enclosing one that is a site.</summary>
        public bool TryRecognizeAt(SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken, [NotNullWhen(true)] out RopcRequest? request)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                var operation = semanticModel.GetOperation(current, cancellationToken);
                if (operation is not null && TryRecognize(operation, cancellationToken, out request))
                {
                    return true;
                }

                if (current is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax)
                {
                    break;
                }
            }

            request = null;
            return false;
        }

        /// <summary>Whether a call is a catalogued member that sends the password grant (the site of a request object).</summary>
        public bool IsRequestApi(IMethodSymbol method)
            => catalog.FindMethod(method) is { Role: RopcApiRole.Request or RopcApiRole.GrantTypeArgument };

        private RopcRequest? RecognizeInvocation(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var api = catalog.FindMethod(invocation.TargetMethod);
            if (api is not null)
            {
                return RecognizeApiUse(invocation, invocation.TargetMethod, invocation.Arguments, api, cancellationToken);
            }

            return RecognizeWrapperCall(invocation, invocation.TargetMethod, invocation.Arguments, cancellationToken)
                   ?? RecognizeFormField(invocation, cancellationToken);
        }

        private RopcRequest? RecognizeCreation(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            if (creation.Type is INamedTypeSymbol type && creation.Constructor is { } constructor && catalog.FindConstructor(type) is { } api)
            {
                return RecognizeApiUse(creation, constructor, creation.Arguments, api, cancellationToken);
            }

            return (creation.Constructor is { } sourceConstructor ? RecognizeWrapperCall(creation, sourceConstructor, creation.Arguments, cancellationToken) : null)
                   ?? RecognizeFormField(creation, cancellationToken);
        }

        /// <summary>A call of a method of the compilation that passes its arguments on to an ROPC request (<see cref="RequestReach"/>).</summary>
        private RopcRequest? RecognizeWrapperCall(IOperation site, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, CancellationToken cancellationToken)
        {
            if (reach is null || Reach(cancellationToken).WrapperOf(method) is not { } wrapper)
            {
                return null;
            }

            var caller = SourceScan.ContainingMember(site.SemanticModel?.GetEnclosingSymbol(site.Syntax.SpanStart, cancellationToken));
            RopcRequest request;
            var apiName = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            switch (wrapper.GrantAt(arguments, grants, caller, scan, cancellationToken))
            {
                case WrapperGrant.Password:
                    // The wrapper takes the grant as a parameter and this call passes the password grant: this call is the request.
                    request = new RopcRequest(site, wrapper.Library, RopcRequestKind.FormField, apiName, $"{wrapper.Name} with grant type \"password\" → {wrapper.Reached}");
                    break;
                case WrapperGrant.Fixed or WrapperGrant.PassedOn:
                    request = new RopcRequest(site, wrapper.Library, RopcRequestKind.WrapperCall, apiName, caller is null ? wrapper.Description : $"{SourceScan.DisplayName(caller)} → {wrapper.Description}");
                    break;
                default:
                    return null;
            }

            request.ChainLocations = wrapper.Steps;
            if (request.Kind == RopcRequestKind.WrapperCall)
            {
                request.ReachedRequestLocation = wrapper.Request;
            }

            foreach (var input in wrapper.Inputs)
            {
                if (RequestReach.ArgumentValue(arguments, input, scan, cancellationToken) is { } value)
                {
                    RequestParts.Assign(request, input.Slot, value);
                }
            }

            return request;
        }

        private RopcRequest? RecognizeApiUse(IOperation site, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, RopcApi api, CancellationToken cancellationToken)
        {
            if ((api.Conditions & RopcApiCondition.HasPasswordParameter) != 0 && !HasPasswordParameter(method))
            {
                return null;
            }

            IObjectCreationOperation? requestObject = null;
            foreach (var argument in arguments)
            {
                if (catalog.IsRequestObjectType(argument.Value.Type) || catalog.IsRequestObjectType(argument.Parameter?.Type))
                {
                    requestObject = RequestParts.ResolveCreation(argument.Value, cancellationToken);
                    if (requestObject is not null || catalog.IsRequestObjectType(argument.Parameter?.Type))
                    {
                        break;
                    }
                }
            }

            if ((api.Conditions & RopcApiCondition.TakesRequestObject) != 0 && !HasRequestObjectParameter(method))
            {
                return null;
            }

            string description;
            RopcRequestKind kind;
            switch (api.Role)
            {
                case RopcApiRole.GrantTypeArgument:
                    if (!TryFindGrantTypeArgument(arguments, cancellationToken))
                    {
                        return null;
                    }

                    description = $"{api.LibraryDisplayName} {method.ContainingType.Name}.{api.ApiName} with grant type \"password\"";
                    kind = RopcRequestKind.LibraryRequest;
                    break;

                case RopcApiRole.RequestObject:
                    if (site is IObjectCreationOperation creation && IsSentInSameBody(creation, cancellationToken))
                    {
                        return null;
                    }

                    description = $"{api.LibraryDisplayName} {api.ApiName}";
                    kind = RopcRequestKind.RequestObject;
                    requestObject = site as IObjectCreationOperation;
                    break;

                case RopcApiRole.Configuration:
                    description = $"{api.LibraryDisplayName} {api.ApiName}()";
                    kind = RopcRequestKind.ClientConfiguration;
                    break;

                default:
                    description = $"{api.LibraryDisplayName} {api.ApiName}";
                    kind = RopcRequestKind.LibraryRequest;
                    break;
            }

            var request = new RopcRequest(site, api.Library, kind, api.ApiName, description) { RequestObjectCreation = requestObject };
            RequestParts.FromArguments(request, arguments);
            if (requestObject is not null)
            {
                RequestParts.FromCreation(request, requestObject);
            }

            if (site is IInvocationOperation { Instance: { } instance })
            {
                RequestParts.FromClientInstance(request, instance, cancellationToken);
            }

            return request;
        }

        private static bool HasPasswordParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (RequestParts.SlotOf(parameter.Name) == RequestSlot.Password)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasRequestObjectParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (catalog.IsRequestObjectType(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private bool TryFindGrantTypeArgument(ImmutableArray<IArgumentOperation> arguments, CancellationToken cancellationToken)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Name.Equals("grantType", StringComparison.OrdinalIgnoreCase)
                    && grants.IsPasswordGrant(argument.Value, followMembers: true, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A request object passed (directly or through a local) to a catalogued request call in the same body is
        /// reported once, at that call.
        /// </summary>
        private bool IsSentInSameBody(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            var parent = OperationTree.ParentSkippingConversions(creation);
            if (parent is IArgumentOperation { Parent: IInvocationOperation directCall })
            {
                return IsRequestApi(directCall.TargetMethod);
            }

            if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            foreach (var descendant in OperationTree.Root(creation).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant is IInvocationOperation invocation && IsRequestApi(invocation.TargetMethod))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(OperationTree.ReferencedSymbol(argument.Value), declarator.Symbol))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private RopcRequest? RecognizeFormField(IOperation operation, CancellationToken cancellationToken)
            => FormPairs.TryGetPair(operation, cancellationToken, requiredKey: GrantTypeKey, out var pair)
               && grants.IsPasswordGrant(pair.Value, followMembers: pair.Member is null, cancellationToken)
                ? FormFieldRequest(operation, pair, FormFieldDescription, cancellationToken)
                : null;

        /// <summary>
        /// A form field grant_type whose value is not known here (a parameter of the method that builds the form): with the
        /// value, for <see cref="RequestReach"/> to learn which calls of the method pass the password grant.
        /// </summary>
        internal bool TryRecognizeFormWithOpenGrant(IOperation operation, CancellationToken cancellationToken, [NotNullWhen(true)] out RopcRequest? request, [NotNullWhen(true)] out IOperation? grant)
        {
            request = null;
            grant = null;
            if (!FormPairs.TryGetPair(operation, cancellationToken, requiredKey: GrantTypeKey, out var pair) || StringValues.TryResolve(pair.Value, cancellationToken, out _))
            {
                return false;
            }

            request = FormFieldRequest(operation, pair, OpenGrantFormDescription, cancellationToken);
            request.EndpointAddress ??= EndpointAddresses.Find(request.Site, cancellationToken);
            grant = pair.Value;
            return true;
        }

        private static RopcRequest FormFieldRequest(IOperation operation, FormPair pair, string description, CancellationToken cancellationToken)
        {
            var library = RopcLibrary.HandWrittenHttp;
            var isIdentityModelTokenRequest = pair.Member?.ContainingType is { } owner && IsIdentityModelTokenRequest(owner, out library);
            var request = isIdentityModelTokenRequest
                ? new RopcRequest(operation, library, RopcRequestKind.LibraryRequest, "TokenRequest", $"{(library == RopcLibrary.DuendeIdentityModel ? "Duende.IdentityModel" : "IdentityModel")} TokenRequest with GrantType \"password\"")
                : new RopcRequest(operation, RopcLibrary.HandWrittenHttp, RopcRequestKind.FormField, GrantTypeKey, description);

            foreach (var sibling in FormPairs.Siblings(operation, cancellationToken))
            {
                if (FormPairs.TryGetPair(StringValues.Unwrap(sibling)!, cancellationToken, requiredKey: null, out var siblingPair))
                {
                    RequestParts.Assign(request, siblingPair.Key, siblingPair.Value);
                    if (isIdentityModelTokenRequest && siblingPair.Key == "Parameters")
                    {
                        foreach (var parameter in FormPairs.PairsInside(siblingPair.Value, cancellationToken))
                        {
                            RequestParts.Assign(request, parameter.Key, parameter.Value);
                        }
                    }
                }
            }

            return request;
        }

        private static bool IsIdentityModelTokenRequest(INamedTypeSymbol type, out RopcLibrary library)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name != "TokenRequest")
                {
                    continue;
                }

                if (RopcApi.NamespaceIs(current.ContainingNamespace, "IdentityModel.Client"))
                {
                    library = RopcLibrary.IdentityModel;
                    return true;
                }

                if (RopcApi.NamespaceIs(current.ContainingNamespace, "Duende.IdentityModel.Client"))
                {
                    library = RopcLibrary.DuendeIdentityModel;
                    return true;
                }
            }

            library = RopcLibrary.HandWrittenHttp;
            return false;
        }

        internal static string FormBodyDescriptionText => FormBodyDescription;

        /// <summary>Builds the compilation's <see cref="RequestReach"/> once, on first use; a cancelled build is started again by the next caller.</summary>
        private sealed class ReachOnce
        {
            private readonly object gate = new();
            private readonly Func<CancellationToken, RequestReach> build;
            private RequestReach? value;

            public ReachOnce(Func<CancellationToken, RequestReach> build)
            {
                this.build = build;
            }

            public RequestReach Get(CancellationToken cancellationToken)
            {
                if (Volatile.Read(ref value) is { } built)
                {
                    return built;
                }

                lock (gate)
                {
                    if (value is null)
                    {
                        Volatile.Write(ref value, build(cancellationToken));
                    }

                    return value!;
                }
            }
        }
    }
}
