using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>A parameter of a wrapper whose argument becomes a part of the request it reaches.</summary>
    internal readonly struct WrapperInput
    {
        public WrapperInput(int ordinal, RequestSlot slot, string? member)
        {
            Ordinal = ordinal;
            Slot = slot;
            Member = member;
        }

        public int Ordinal { get; }

        public RequestSlot Slot { get; }

        /// <summary>The member of the argument that holds the part (options.Password), or null for the argument itself.</summary>
        public string? Member { get; }
    }

    /// <summary>What a call of a wrapper passes for the grant.</summary>
    internal enum WrapperGrant
    {
        /// <summary>The wrapper sends the password grant whatever it is given.</summary>
        Fixed,

        /// <summary>The wrapper takes the grant as a parameter and this call passes the password grant: the call is the request.</summary>
        Password,

        /// <summary>The wrapper takes the grant as a parameter and this call passes its own caller's parameter on.</summary>
        PassedOn,

        /// <summary>The wrapper takes the grant as a parameter and this call passes another grant (refresh_token): no ROPC.</summary>
        Other,
    }

    /// <summary>A method or constructor of the compilation whose parameters reach the parts of an ROPC request.</summary>
    internal sealed class RopcWrapper
    {
        public RopcWrapper(IMethodSymbol method, ImmutableArray<WrapperInput> inputs, RopcLibrary library, string reached, ImmutableArray<Location> steps, Location? request)
        {
            Method = method;
            Inputs = inputs;
            Library = library;
            Name = SourceScan.DisplayName(method);
            Reached = reached;
            Steps = steps;
            Request = request;
        }

        public IMethodSymbol Method { get; }

        public ImmutableArray<WrapperInput> Inputs { get; }

        public RopcLibrary Library { get; }

        /// <summary>How users see the wrapper: "AuthHelper.GetTokenAsync", "new Session".</summary>
        public string Name { get; }

        /// <summary>What the wrapper's parameters reach: "form field grant_type=password", "AuthHelper.GetTokenAsync → ...".</summary>
        public string Reached { get; }

        /// <summary>How a call of it reaches the request: "AuthHelper.GetTokenAsync → form field grant_type=password".</summary>
        public string Description => Name + " → " + Reached;

        /// <summary>The parameter that takes the grant type, for a wrapper that sends whichever grant it is given.</summary>
        public int? GrantOrdinal
        {
            get
            {
                foreach (var input in Inputs)
                {
                    if (input.Slot == RequestSlot.Grant)
                    {
                        return input.Ordinal;
                    }
                }

                return null;
            }
        }

        /// <summary>What a call with <paramref name="arguments"/>, made in <paramref name="caller"/>, passes for the grant.</summary>
        public WrapperGrant GrantAt(ImmutableArray<IArgumentOperation> arguments, GrantValues grants, ISymbol? caller, SourceScan? scan, CancellationToken cancellationToken)
        {
            if (GrantOrdinal is not { } ordinal)
            {
                return WrapperGrant.Fixed;
            }

            var grant = RequestReach.ArgumentValue(arguments, new WrapperInput(ordinal, RequestSlot.Grant, null), scan, cancellationToken);
            if (grants.IsPasswordGrant(grant, followMembers: true, cancellationToken))
            {
                return WrapperGrant.Password;
            }

            return caller is not null && ValueOrigin.Of(grant, caller, cancellationToken).Parameter is not null ? WrapperGrant.PassedOn : WrapperGrant.Other;
        }

        /// <summary>The calls inside the chain, then the request itself, in the order the value travels.</summary>
        public ImmutableArray<Location> Steps { get; }

        /// <summary>
        /// The request a call of the wrapper reaches: the last of <see cref="Steps"/>, unless the chain passes through a
        /// call that picks the password grant for a form whose grant is a parameter (that call is the request); null while
        /// the grant is still the caller's to choose.
        /// </summary>
        public Location? Request { get; }
    }

    /// <summary>
    /// Which methods and constructors of a compilation pass their parameters into the parts of an ROPC request
    /// (password, user name, token endpoint, client id): directly, through locals, members of a parameter, fields a
    /// constructor sets, primary-constructor parameters, and through other such methods (wrappers of wrappers), in
    /// any file. Learned once per compilation from its source, the first time a rule asks. Only methods declared in
    /// source are found: a wrapper compiled into another assembly is out of reach unless it is listed in
    /// ropc_analyzers.additional_ropc_apis, or the reach is seeded with the wrappers of the compilations it references
    /// (<see cref="RopcWrapperExports"/>: ropc-inventory does, the analyzers do not).
    /// </summary>
    internal sealed class RequestReach
    {
        /// <summary>How many wrappers deep the search goes (Client.LoginAsync → Auth.RequestAsync → Http.FormPostAsync → request is three).</summary>
        public const int MaxDepth = 5;

        public static readonly RequestReach None = new(new Dictionary<IMethodSymbol, RopcWrapper>(SymbolEqualityComparer.Default));

        private readonly Dictionary<IMethodSymbol, RopcWrapper> wrappers;
        private readonly HashSet<string> names = new(StringComparer.Ordinal);

        private RequestReach(Dictionary<IMethodSymbol, RopcWrapper> wrappers)
        {
            this.wrappers = wrappers;
            foreach (var method in wrappers.Keys)
            {
                names.Add(NameAtCallSite(method));
            }
        }

        public bool IsEmpty => wrappers.Count == 0;

        public IEnumerable<RopcWrapper> Wrappers => wrappers.Values;

        /// <summary>Whether a call spelled <paramref name="name"/> (a method name, or the type name of a creation) may call a wrapper.</summary>
        public bool MayName(string name) => names.Contains(name);

        /// <summary>The names a call of a wrapper is spelled with: its method's name, or its type's name for a constructor.</summary>
        public IReadOnlyCollection<string> CallNames => names;

        public RopcWrapper? WrapperOf(IMethodSymbol method)
            => wrappers.Count != 0 && names.Contains(NameAtCallSite(method)) && wrappers.TryGetValue(method.OriginalDefinition, out var wrapper) ? wrapper : null;

        private static string NameAtCallSite(IMethodSymbol method)
            => method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;

        /// <summary>
        /// Learns the wrappers of <paramref name="scan"/>'s compilation: the requests <paramref name="direct"/> finds in the
        /// code blocks that can hold one (a grant literal, a catalogued API's name, a name that mentions the grant), then the
        /// callers that pass their own parameters on to a wrapper, level by level.
        /// </summary>
        /// <param name="referenced">Wrappers of referenced compilations: their callers here become wrappers too.</param>
        public static RequestReach Build(SourceScan scan, RopcRecognizer direct, RopcWrapperExports referenced, CancellationToken cancellationToken)
        {
            var builder = new Builder(scan, direct.Grants, cancellationToken);
            builder.AddReferenced(referenced.In(scan.Compilation, cancellationToken));
            foreach (var (owner, request, openGrant) in DirectRequests(scan, direct, cancellationToken))
            {
                builder.AddRequest(owner, request, openGrant);
            }

            for (var depth = 1; depth < MaxDepth && builder.StartLevel() is { Count: > 0 } level; depth++)
            {
                builder.AddCallersOf(level);
            }

            return builder.Wrappers.Count == 0 ? None : new RequestReach(builder.Wrappers);
        }

        /// <summary>The requests of the compilation, and the forms whose grant a parameter gives (with that grant value).</summary>
        private static IEnumerable<(IMethodSymbol Owner, RopcRequest Request, IOperation? OpenGrant)> DirectRequests(SourceScan scan, RopcRecognizer direct, CancellationToken cancellationToken)
        {
            var searched = new HashSet<SyntaxNode>();
            var otherApiNames = direct.Catalog.NamesWithout(RopcRecognizer.PasswordGrant, "grant");
            var candidates = scan.TokensContaining(new[] { RopcRecognizer.PasswordGrant, "grant" }, StringComparison.OrdinalIgnoreCase, token => MayBeInRequest(token, direct), cancellationToken)
                .Concat(scan.TokensContaining(otherApiNames, StringComparison.Ordinal, token => MayBeInRequest(token, direct), cancellationToken));
            foreach (var token in candidates)
            {
                if (token.Parent is not { } node)
                {
                    continue;
                }

                var model = scan.ModelOf(token.SyntaxTree!);
                var root = GrantLiterals.OperationOfCodeBlock(model, node, cancellationToken, out var codeBlock);
                if (root is null || searched.Contains(codeBlock))
                {
                    continue;
                }

                // A method's own declaration names it (a token in its parameter list is not inside it).
                var declared = codeBlock is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax
                    ? model.GetDeclaredSymbol(codeBlock, cancellationToken)
                    : model.GetEnclosingSymbol(root.Syntax.SpanStart, cancellationToken);
                searched.Add(codeBlock);
                if (SourceScan.ContainingMember(declared) is not IMethodSymbol owner)
                {
                    continue;
                }

                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (!RopcRecognizer.IsSiteKind(operation.Kind))
                    {
                        continue;
                    }

                    if (direct.TryRecognize(operation, cancellationToken, out var request))
                    {
                        yield return (owner, request, null);
                    }
                    else if (direct.TryRecognizeFormWithOpenGrant(operation, cancellationToken, out var form, out var grant))
                    {
                        yield return (owner, form, grant);
                    }
                }
            }
        }

        /// <summary>
        /// A token whose code block may hold a request: a catalogued API's name, a name that mentions the grant, a string
        /// that mentions the password (a password grant, a body with grant_type=password), or the grant_type key given a
        /// value that is not a string literal (a parameter, a member, a constant). The key given a literal of another grant
        /// (["grant_type"] = "client_credentials") is not: most token code of a project is of that kind.
        /// </summary>
        private static bool MayBeInRequest(SyntaxToken token, RopcRecognizer direct)
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                var name = token.ValueText;
                return direct.Catalog.Names(name) || name.IndexOf("grant", StringComparison.OrdinalIgnoreCase) >= 0;
            }

            if (SourceScan.LiteralText(token) is not { } literal)
            {
                return false;
            }

            if (literal.IndexOf(RopcRecognizer.PasswordGrant, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            return FormPairs.KeyMatches(literal, RopcRecognizer.GrantTypeKey) && SourceScan.ValueBesideKey(token) is not Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax;
        }

        private sealed class Builder
        {
            private readonly SourceScan scan;
            private readonly GrantValues grants;
            private readonly CancellationToken cancellationToken;
            private readonly List<RopcWrapper> pending = new();

            public Builder(SourceScan scan, GrantValues grants, CancellationToken cancellationToken)
            {
                this.scan = scan;
                this.grants = grants;
                this.cancellationToken = cancellationToken;
            }

            public Dictionary<IMethodSymbol, RopcWrapper> Wrappers { get; } = new(SymbolEqualityComparer.Default);

            public void AddReferenced(IEnumerable<RopcWrapper> referenced)
            {
                foreach (var wrapper in referenced)
                {
                    if (!Wrappers.ContainsKey(wrapper.Method))
                    {
                        Wrappers.Add(wrapper.Method, wrapper);
                        pending.Add(wrapper);
                    }
                }
            }

            public void AddRequest(IMethodSymbol owner, RopcRequest request, IOperation? openGrant)
            {
                var steps = ImmutableArray.Create(request.Location);
                var inputs = new Inputs();
                if (openGrant is not null)
                {
                    // Only a form whose grant its method's caller chooses: other open grants are out of reach.
                    if (!inputs.Add(owner, RequestSlot.Grant, openGrant, cancellationToken))
                    {
                        return;
                    }
                }

                inputs.Add(owner, RequestSlot.Password, request.Password, cancellationToken);
                inputs.Add(owner, RequestSlot.Address, request.EndpointAddress, cancellationToken);
                inputs.Add(owner, RequestSlot.UserName, request.UserName, cancellationToken);
                inputs.Add(owner, RequestSlot.ClientId, request.ClientId, cancellationToken);
                Record(owner, inputs, request.Library, request.Description, steps, openGrant is null ? request.Location : null, constructorsMayChooseGrant: openGrant is null);
            }

            /// <summary>The wrappers found since the last level, now to be searched for callers.</summary>
            public List<RopcWrapper> StartLevel()
            {
                var level = new List<RopcWrapper>(pending);
                pending.Clear();
                return level;
            }

            public void AddCallersOf(List<RopcWrapper> level)
            {
                var byName = new HashSet<string>(StringComparer.Ordinal);
                foreach (var wrapper in level)
                {
                    byName.Add(NameAtCallSite(wrapper.Method));
                }

                foreach (var identifier in scan.Identifiers(byName, cancellationToken))
                {
                    if (SourceScan.CallNamedBy(identifier) is not { } call)
                    {
                        continue;
                    }

                    var model = scan.ModelOf(call.SyntaxTree);
                    var (method, arguments) = model.GetOperation(call, cancellationToken) switch
                    {
                        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                        IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
                        _ => (null, default),
                    };

                    if (method is null || !Wrappers.TryGetValue(method.OriginalDefinition, out var callee)
                        || SourceScan.ContainingMember(model.GetEnclosingSymbol(call.SpanStart, cancellationToken)) is not IMethodSymbol owner
                        || SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, callee.Method))
                    {
                        continue;
                    }

                    var grant = callee.GrantAt(arguments, grants, owner, scan, cancellationToken);
                    if (grant == WrapperGrant.Other)
                    {
                        continue;
                    }

                    var inputs = new Inputs();
                    foreach (var input in callee.Inputs)
                    {
                        if (input.Slot != RequestSlot.Grant || grant == WrapperGrant.PassedOn)
                        {
                            inputs.Add(owner, input.Slot, ArgumentValue(arguments, input, scan, cancellationToken), cancellationToken);
                        }
                    }

                    var reached = grant == WrapperGrant.Password ? $"{callee.Name} with grant type \"password\" → {callee.Reached}" : callee.Description;
                    var callLocation = call.GetLocation();
                    var request = grant == WrapperGrant.Password ? callLocation : callee.Request;
                    Record(owner, inputs, callee.Library, reached, callee.Steps.Insert(0, callLocation), request, constructorsMayChooseGrant: callee.GrantOrdinal is null || grant == WrapperGrant.Password);
                }
            }

            /// <param name="constructorsMayChooseGrant">
            /// Whether the constructors that set the owner's fields become wrappers too: not where the owner's own caller
            /// still chooses the grant (the constructor's arguments reach a password request only for some calls).
            /// </param>
            private void Record(IMethodSymbol owner, Inputs inputs, RopcLibrary library, string reached, ImmutableArray<Location> steps, Location? request, bool constructorsMayChooseGrant)
            {
                foreach (var (method, methodInputs) in inputs.ByMethod(owner, scan, constructorsMayChooseGrant, cancellationToken))
                {
                    if (!HasPasswordOrAddress(methodInputs))
                    {
                        continue;
                    }

                    if (Wrappers.TryGetValue(method, out var known))
                    {
                        // Reached along another path: the inputs it adds count too (a constructor whose password one method
                        // sends and whose address another uses), and its callers are looked at again for them.
                        var added = methodInputs.RemoveAll(input => known.Inputs.Any(existing => existing.Ordinal == input.Ordinal && existing.Slot == input.Slot));
                        if (!added.IsEmpty)
                        {
                            var merged = new RopcWrapper(known.Method, known.Inputs.AddRange(added), known.Library, known.Reached, known.Steps, known.Request);
                            Wrappers[method] = merged;
                            pending.Add(merged);
                        }

                        continue;
                    }

                    var wrapperReached = SymbolEqualityComparer.Default.Equals(method, owner.OriginalDefinition)
                        ? reached
                        : $"{SourceScan.DisplayName(owner)} → {reached}";
                    var wrapper = new RopcWrapper(method, methodInputs, library, wrapperReached, steps, request);
                    Wrappers.Add(method, wrapper);
                    pending.Add(wrapper);
                }
            }

            private static bool HasPasswordOrAddress(ImmutableArray<WrapperInput> inputs)
            {
                foreach (var input in inputs)
                {
                    if (input.Slot is RequestSlot.Password or RequestSlot.Address)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The value a call gives a wrapper's input: the argument, or the member of it that the wrapper reads.</summary>
        internal static IOperation? ArgumentValue(ImmutableArray<IArgumentOperation> arguments, WrapperInput input, SourceScan? scan, CancellationToken cancellationToken)
        {
            if (arguments.IsDefault)
            {
                return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal != input.Ordinal || argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    continue;
                }

                if (input.Member is null)
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
                }

                return RequestParts.ResolveCreation(argument.Value, cancellationToken) is { } creation ? MemberValue(creation, input.Member, scan, cancellationToken) : null;
            }

            return null;
        }

        /// <summary>
        /// What a creation gives one member of the new object: its object-initializer value, or the argument of the
        /// constructor parameter that sets it (a record's positional parameter, or Password = password in the constructor).
        /// </summary>
        private static IOperation? MemberValue(IObjectCreationOperation creation, string member, SourceScan? scan, CancellationToken cancellationToken)
        {
            if (creation.Initializer is { } initializer)
            {
                foreach (var initialized in initializer.Initializers)
                {
                    if (initialized is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment && target.Member.Name == member)
                    {
                        return assignment.Value;
                    }
                }
            }

            if (creation.Constructor is not { } constructor || scan is null)
            {
                return null;
            }

            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)
                {
                    // A record's positional parameter: the property of the same name holds it.
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (parameter.Name == member)
                        {
                            return ArgumentValue(creation.Arguments, new WrapperInput(parameter.Ordinal, RequestSlot.None, null), scan, cancellationToken);
                        }
                    }

                    continue;
                }

                if (scan.ModelOf(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment
                        && target.Member.Name == member
                        && target.Instance is IInstanceReferenceOperation
                        && StringValues.Unwrap(assignment.Value) is IParameterReferenceOperation parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, constructor))
                    {
                        return ArgumentValue(creation.Arguments, new WrapperInput(parameter.Parameter.Ordinal, RequestSlot.None, null), scan, cancellationToken);
                    }
                }
            }

            return null;
        }

        /// <summary>The inputs one request or call gives its method, and the constructors that set the members it reads.</summary>
        private sealed class Inputs
        {
            private readonly List<(IParameterSymbol Parameter, RequestSlot Slot, string? Member)> parameters = new();
            private readonly List<(ISymbol Member, RequestSlot Slot)> ownMembers = new();

            /// <summary>Records where the value of one part comes from; false when it comes from no parameter or member of the owner.</summary>
            public bool Add(IMethodSymbol owner, RequestSlot slot, IOperation? value, CancellationToken cancellationToken)
            {
                if (value is null)
                {
                    return false;
                }

                var origin = ValueOrigin.Of(value, owner, cancellationToken);
                if (origin.Parameter is { } parameter)
                {
                    parameters.Add((parameter, slot, origin.Member));
                    return true;
                }

                if (origin.OwnMember is { IsStatic: false } member && slot != RequestSlot.Grant)
                {
                    ownMembers.Add((member, slot));
                    return true;
                }

                return false;
            }

            public IEnumerable<(IMethodSymbol Method, ImmutableArray<WrapperInput> Inputs)> ByMethod(IMethodSymbol owner, SourceScan scan, bool includeConstructors, CancellationToken cancellationToken)
            {
                var byMethod = new Dictionary<IMethodSymbol, ImmutableArray<WrapperInput>.Builder>(SymbolEqualityComparer.Default);
                void Add(IMethodSymbol method, WrapperInput input)
                {
                    if (!byMethod.TryGetValue(method.OriginalDefinition, out var list))
                    {
                        byMethod[method.OriginalDefinition] = list = ImmutableArray.CreateBuilder<WrapperInput>();
                    }

                    list.Add(input);
                }

                foreach (var (parameter, slot, member) in parameters)
                {
                    if (parameter.ContainingSymbol is IMethodSymbol method)
                    {
                        Add(method, new WrapperInput(parameter.Ordinal, slot, member));
                    }
                }

                foreach (var (member, slot) in includeConstructors ? ownMembers : new List<(ISymbol, RequestSlot)>())
                {
                    foreach (var (constructor, parameter) in ConstructorsSetting(member, owner, scan, cancellationToken))
                    {
                        Add(constructor, new WrapperInput(parameter.Ordinal, slot, null));
                    }
                }

                foreach (var pair in byMethod)
                {
                    yield return (pair.Key, pair.Value.ToImmutable());
                }
            }

            /// <summary>The constructors of the member's type that set it from one of their parameters (this.password = password).</summary>
            private static IEnumerable<(IMethodSymbol Constructor, IParameterSymbol Parameter)> ConstructorsSetting(ISymbol member, IMethodSymbol owner, SourceScan scan, CancellationToken cancellationToken)
            {
                foreach (var constructor in member.ContainingType.InstanceConstructors)
                {
                    if (SymbolEqualityComparer.Default.Equals(constructor, owner))
                    {
                        continue;
                    }

                    foreach (var reference in constructor.DeclaringSyntaxReferences)
                    {
                        var syntax = reference.GetSyntax(cancellationToken);
                        if (syntax.SyntaxTree is not { } tree || scan.ModelOf(tree).GetOperation(syntax, cancellationToken) is not { } body)
                        {
                            continue;
                        }

                        foreach (var operation in body.Descendants())
                        {
                            if (operation is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment
                                && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member.OriginalDefinition)
                                && ValueOrigin.Of(assignment.Value, constructor, cancellationToken).Parameter is { } parameter
                                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor))
                            {
                                yield return (constructor, parameter);
                            }
                        }
                    }
                }
            }
        }
    }
}
