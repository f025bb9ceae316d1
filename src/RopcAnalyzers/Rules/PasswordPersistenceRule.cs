using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Persistence;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC002: the resource-owner password of an ROPC request is kept beyond that one exchange: in a field or
    /// property of the requesting object, in settings, files, the environment, the registry, caches, sessions,
    /// cookies or logs, or captured by a delegate kept in a field. Approval does not silence it.
    /// </summary>
    /// <remarks>
    /// Run by <see cref="RopcUseAnalyzer"/>. Findings are gathered per type (symbol start/end, no state beyond the
    /// compilation) and reported when the type is complete, so that a field read by several requests is reported
    /// once, on its declaration, and a field that every request clears after use (a one-shot holder) is not
    /// reported at all.
    /// </remarks>
    internal sealed class PasswordPersistenceRule
    {
        private readonly RopcRecognizer recognizer;
        private readonly PersistenceSinks sinks;

        // A field read by the requests of several types (an outer type and its nested types, a base type and
        // its derived types) is reported once, by the first of them to complete.
        private readonly ConcurrentDictionary<ISymbol, bool> reportedMembers = new(SymbolEqualityComparer.Default);

        public PasswordPersistenceRule(Compilation compilation, RopcRecognizer recognizer)
        {
            this.recognizer = recognizer;
            sinks = PersistenceSinks.Create(compilation);
        }

        /// <summary>The findings of one type's own members (nested types have their own), reported by <see cref="Report"/> at the type's end.</summary>
        public TypeFindings StartType() => new();

        public void Analyze(RopcRequest request, TypeFindings findings, in UseSiteContext context)
        {
            AnalyzeKeptHolder(request, context.ContainingSymbol, findings, context.CancellationToken);
            if (PasswordTrail.Follow(request, context.ContainingSymbol, context.CancellationToken) is not { } trail)
            {
                return;
            }

            if (request.Password is null && request.Site is IInvocationOperation call)
            {
                foreach (var argument in call.Arguments)
                {
                    if (recognizer.Catalog.IsRequestObjectType(argument.Value.Type) || recognizer.Catalog.IsRequestObjectType(argument.Parameter?.Type))
                    {
                        trail.AddKeptRequestObject(argument.Value);
                    }
                }
            }

            Analyze(trail, sinks, findings, context.CancellationToken);
        }

        public void Report(TypeFindings findings, System.Action<Diagnostic> reportDiagnostic) => findings.Report(reportDiagnostic, reportedMembers);

        private static void Analyze(PasswordTrail trail, PersistenceSinks sinks, TypeFindings findings, CancellationToken cancellationToken)
        {
            if (trail.IsEmpty)
            {
                return;
            }

            var summary = new RequestSummary(trail.Request);
            var cleared = ClearedMembers(trail, cancellationToken);
            foreach (var kept in trail.KeptMembers)
            {
                findings.AddRead(kept, summary, cleared.Contains(kept.Symbol));
            }

            foreach (var operation in trail.Body.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (trail.IsInsideRequest(operation))
                {
                    continue;
                }

                switch (operation)
                {
                    case ISimpleAssignmentOperation assignment when trail.Carries(assignment.Value):
                        AnalyzeAssignment(trail, summary, sinks, findings, assignment);
                        break;

                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer } assignment
                        when CollectionField(indexer.Instance, trail) is { } collection && AnyArgumentCarries(trail, indexer.Arguments):
                        findings.AddWrite(PersistenceChannel.CollectionField, collection.Name, assignment.Syntax.GetLocation(), summary);
                        break;

                    case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" or "AddOrUpdate" or "GetOrAdd" or "Set" or "Push" or "Enqueue" } collectionAdd
                        when CollectionField(collectionAdd.Instance, trail) is { } collection && AnyArgumentCarries(trail, collectionAdd.Arguments):
                        findings.AddWrite(PersistenceChannel.CollectionField, collection.Name, collectionAdd.Syntax.GetLocation(), summary);
                        break;

                    case IInvocationOperation invocation when sinks.ForInvocation(invocation, cancellationToken) is { } channel && AnyArgumentCarries(trail, invocation.Arguments):
                        findings.AddWrite(channel, null, invocation.Syntax.GetLocation(), summary);
                        break;

                    case IObjectCreationOperation creation when sinks.ForCreation(creation) is { } channel && AnyArgumentCarries(trail, creation.Arguments):
                        findings.AddWrite(channel, null, creation.Syntax.GetLocation(), summary);
                        break;
                }
            }

            foreach (var read in trail.MemberReads)
            {
                if (sinks.ForPropertyWrite(read) == PersistenceChannel.ApplicationSettings)
                {
                    findings.AddWrite(PersistenceChannel.ReadFromApplicationSettings, read.Property.Name, read.Syntax.GetLocation(), summary);
                }
            }

            AnalyzeCapture(trail, summary, findings, cancellationToken);
        }

        /// <summary>
        /// (d) The object that holds the password for the request (a credential such as UsernamePasswordCredential or
        /// UserPasswordCredential, a request object, the form collection) kept in a field or property: the password is kept
        /// as surely as in a string field.
        /// </summary>
        private static void AnalyzeKeptHolder(RopcRequest request, ISymbol containingSymbol, TypeFindings findings, CancellationToken cancellationToken)
        {
            if (request.Password is null || request.Kind == RopcRequestKind.WrapperCall || HolderOf(request) is not { } holder)
            {
                return;
            }

            var requestingType = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
            foreach (var (member, location) in StoragesOf(holder, requestingType, cancellationToken))
            {
                var channel = member is IPropertySymbol ? PersistenceChannel.Property : PersistenceChannel.Field;
                findings.AddMemberWrite(member, channel, location, new RequestSummary(request));
            }
        }

        /// <summary>The creation that holds the request's password: the credential or request object itself, or the collection a form field is written into.</summary>
        private static IOperation? HolderOf(RopcRequest request)
        {
            if (request.Site is IObjectCreationOperation creation && request.Kind is RopcRequestKind.LibraryRequest or RopcRequestKind.RequestObject)
            {
                return creation;
            }

            var parent = OperationTree.ParentSkippingConversions(request.Site);
            if (parent is IArgumentOperation { Parent: IInvocationOperation { IsImplicit: true } add })
            {
                parent = OperationTree.ParentSkippingConversions(add);
            }

            return parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation form } ? form : null;
        }

        /// <summary>The fields and properties a holder is stored in: assigned directly, through a local, or as a member's initializer.</summary>
        private static IEnumerable<(ISymbol Member, Location Location)> StoragesOf(IOperation holder, INamedTypeSymbol? requestingType, CancellationToken cancellationToken)
        {
            var parent = OperationTree.ParentSkippingConversions(holder);
            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when StoredMember(assignment.Target, requestingType) is { } member:
                    yield return (member, assignment.Syntax.GetLocation());
                    break;

                case IFieldInitializerOperation { InitializedFields.Length: > 0 } initializer when IsStorage(initializer.InitializedFields[0], requestingType):
                    yield return (initializer.InitializedFields[0], initializer.InitializedFields[0].Locations[0]);
                    break;

                case IPropertyInitializerOperation { InitializedProperties.Length: > 0 } initializer when IsStorage(initializer.InitializedProperties[0], requestingType):
                    yield return (initializer.InitializedProperties[0], initializer.InitializedProperties[0].Locations[0]);
                    break;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    foreach (var operation in OperationTree.Root(holder).Descendants())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (operation is ISimpleAssignmentOperation copy
                            && StringValues.Unwrap(copy.Value) is ILocalReferenceOperation local
                            && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol)
                            && StoredMember(copy.Target, requestingType) is { } copied)
                        {
                            yield return (copied, copy.Syntax.GetLocation());
                        }
                    }

                    break;
            }
        }

        private static ISymbol? StoredMember(IOperation target, INamedTypeSymbol? requestingType)
            => target switch
            {
                IFieldReferenceOperation field when IsStorage(field.Field, requestingType) && (field.Field.IsStatic || field.Instance is IInstanceReferenceOperation) => field.Field,
                IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property when IsStorage(property.Property, requestingType) && (property.Property.IsStatic || property.Instance is IInstanceReferenceOperation) => property.Property,
                _ => null,
            };

        /// <summary>A member of the requesting type (or its base and containing types), or a static one, declared in source.</summary>
        private static bool IsStorage(ISymbol member, INamedTypeSymbol? requestingType)
        {
            if (!PasswordTrail.IsInSource(member) || member.IsImplicitlyDeclared)
            {
                return false;
            }

            return member.IsStatic || PasswordTrail.IsDeclaredIn(member, requestingType, includeContainingTypes: true);
        }

        private static void AnalyzeAssignment(PasswordTrail trail, RequestSummary summary, PersistenceSinks sinks, TypeFindings findings, ISimpleAssignmentOperation assignment)
        {
            switch (assignment.Target)
            {
                case IPropertyReferenceOperation property when sinks.ForPropertyWrite(property) is { } channel:
                    findings.AddWrite(channel, null, assignment.Syntax.GetLocation(), summary);
                    break;

                case IFieldReferenceOperation field when !field.Field.IsImplicitlyDeclared && trail.IsStateOfRequestingType(field.Field, field.Instance):
                    findings.AddMemberWrite(field.Field, PersistenceChannel.Field, assignment.Syntax.GetLocation(), summary);
                    break;

                case IFieldReferenceOperation field when field.Field.IsStatic && !field.Field.IsImplicitlyDeclared && PasswordTrail.IsInSource(field.Field):
                    findings.AddWrite(PersistenceChannel.Field, field.Field.Name, assignment.Syntax.GetLocation(), summary);
                    break;

                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when CollectionField(indexer.Instance, trail) is { } collection:
                    // _tokens[$"{user}|{password}"] = token;
                    findings.AddWrite(PersistenceChannel.CollectionField, collection.Name, assignment.Syntax.GetLocation(), summary);
                    break;

                case IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty && trail.IsStateOfRequestingType(property.Property, property.Instance):
                    findings.AddMemberWrite(property.Property, PersistenceChannel.Property, assignment.Syntax.GetLocation(), summary);
                    break;

                case IPropertyReferenceOperation property when property.Property.IsStatic && PasswordTrail.IsInSource(property.Property):
                    findings.AddWrite(PersistenceChannel.Property, property.Property.Name, assignment.Syntax.GetLocation(), summary);
                    break;
            }
        }

        /// <summary>A collection that outlives the request: one held in a field or static of the requesting type, or a static of another.</summary>
        private static ISymbol? CollectionField(IOperation? instance, PasswordTrail trail)
            => StringValues.Unwrap(instance) switch
            {
                IFieldReferenceOperation field when !field.Field.IsImplicitlyDeclared && (field.Field.IsStatic || trail.IsStateOfRequestingType(field.Field, field.Instance)) && PasswordTrail.IsInSource(field.Field)
                    && field.Field.Type.SpecialType != SpecialType.System_String => field.Field,
                IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property when (property.Property.IsStatic || trail.IsStateOfRequestingType(property.Property, property.Instance)) && PasswordTrail.IsInSource(property.Property)
                    && property.Property.Type.SpecialType != SpecialType.System_String => property.Property,
                _ => null,
            };

        private static bool AnyArgumentCarries(PasswordTrail trail, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && trail.Carries(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Fields and properties that the request's body clears after use (password = null, = "", = string.Empty,
        /// = default, or .Dispose()/.Clear() for a SecureString): the password is held for one exchange only.
        /// </summary>
        private static HashSet<ISymbol> ClearedMembers(PasswordTrail trail, CancellationToken cancellationToken)
        {
            var cleared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (trail.KeptMembers.Count == 0)
            {
                return cleared;
            }

            foreach (var operation in trail.Body.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case ISimpleAssignmentOperation assignment when IsEmptyValue(assignment.Value)
                                                                    && PasswordTrail.ReferencedSymbol(assignment.Target) is { } target:
                        cleared.Add(target);
                        break;

                    case IInvocationOperation { TargetMethod.Name: "Dispose" or "Clear", Instance: { } instance }
                        when PasswordTrail.ReferencedSymbol(instance) is { } disposed:
                        cleared.Add(disposed);
                        break;
                }
            }

            return cleared;
        }

        private static bool IsEmptyValue(IOperation value)
        {
            var unwrapped = StringValues.Unwrap(value);
            if (unwrapped is IDefaultValueOperation)
            {
                return true;
            }

            if (unwrapped is null || !unwrapped.ConstantValue.HasValue)
            {
                return unwrapped is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
            }

            return unwrapped.ConstantValue.Value is null or "";
        }

        /// <summary>
        /// (c) A lambda or local function that makes the request with a password captured from the enclosing method,
        /// kept in a field or property (directly, or given to an object that is): a token factory that replays the grant.
        /// </summary>
        private static void AnalyzeCapture(PasswordTrail trail, RequestSummary summary, TypeFindings findings, CancellationToken cancellationToken)
        {
            var function = EnclosingFunction(trail.Request.Site);
            if (function is null || !CapturesPassword(trail, function))
            {
                return;
            }

            IOperation? stored = function;
            if (function is ILocalFunctionOperation localFunction)
            {
                stored = null;
                foreach (var operation in trail.Body.Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method, localFunction.Symbol))
                    {
                        stored = reference;
                        break;
                    }
                }
            }

            if (stored is not null && StorageOf(trail, stored) is { } storage)
            {
                findings.AddWrite(PersistenceChannel.CapturedByStoredDelegate, storage.Name, storage.Location, summary);
            }
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        private static bool CapturesPassword(PasswordTrail trail, IOperation function)
        {
            var functionSymbol = function switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };

            foreach (var carrier in trail.Carriers)
            {
                var declaredInside = false;
                foreach (var reference in carrier.DeclaringSyntaxReferences)
                {
                    declaredInside |= reference.SyntaxTree == function.Syntax.SyntaxTree && function.Syntax.Span.Contains(reference.Span);
                }

                if (carrier is ILocalSymbol or IParameterSymbol && !declaredInside && !SymbolEqualityComparer.Default.Equals(carrier.ContainingSymbol, functionSymbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The field or property a delegate ends up in: assigned directly, or given to a constructor whose object is
        /// (new TokenProvider(() => ...), new Timer(_ => ...)). The result of a call that runs the delegate (Task.Run,
        /// a retry helper) is not the delegate.
        /// </summary>
        private static (string Name, Location Location)? StorageOf(PasswordTrail trail, IOperation @delegate)
        {
            var current = @delegate;
            for (var step = 0; step < 8 && current.Parent is { } parent; step++, current = parent)
            {
                switch (parent)
                {
                    case IDelegateCreationOperation or IConversionOperation or IObjectCreationOperation:
                        continue;

                    case IArgumentOperation when parent.Parent is IObjectCreationOperation:
                        continue;

                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return assignment.Target switch
                        {
                            IFieldReferenceOperation field when field.Field.IsStatic || trail.IsStateOfRequestingType(field.Field, field.Instance)
                                => (field.Field.Name, assignment.Target.Syntax.GetLocation()),
                            IPropertyReferenceOperation property when property.Property.IsStatic || trail.IsStateOfRequestingType(property.Property, property.Instance)
                                => (property.Property.Name, assignment.Target.Syntax.GetLocation()),
                            _ => null,
                        };

                    case IFieldInitializerOperation initializer when !initializer.InitializedFields.IsEmpty:
                        return (initializer.InitializedFields[0].Name, initializer.InitializedFields[0].Locations[0]);

                    case IPropertyInitializerOperation initializer when !initializer.InitializedProperties.IsEmpty:
                        return (initializer.InitializedProperties[0].Name, initializer.InitializedProperties[0].Locations[0]);

                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>What the members of one type keep of the passwords they send.</summary>
        internal sealed class TypeFindings
        {
            private readonly object gate = new();
            private readonly Dictionary<ISymbol, MemberFindings> members = new(SymbolEqualityComparer.Default);
            private readonly Dictionary<Location, Write> writes = new();

            public void AddRead(KeptMember kept, RequestSummary request, bool cleared)
            {
                lock (gate)
                {
                    var member = MemberFor(kept.Symbol, kept.Channel);
                    member.Reads.Add(new Read(request, cleared));
                }
            }

            public void AddMemberWrite(ISymbol symbol, PersistenceChannel channel, Location location, RequestSummary request)
            {
                lock (gate)
                {
                    var member = MemberFor(symbol, channel);
                    member.Writes.Add(new Write(channel, symbol.Name, location, request));
                }
            }

            public void AddWrite(PersistenceChannel channel, string? memberName, Location location, RequestSummary request)
            {
                lock (gate)
                {
                    // Several requests in one body share their writes: keep the first request in source order.
                    if (!writes.TryGetValue(location, out var existing) || IsBefore(request.Location, existing.Request.Location))
                    {
                        writes[location] = new Write(channel, memberName, location, request);
                    }
                }
            }

            public void Report(System.Action<Diagnostic> reportDiagnostic, ConcurrentDictionary<ISymbol, bool> reportedMembers)
            {
                var diagnostics = new List<Diagnostic>();
                lock (gate)
                {
                    foreach (var pair in members)
                    {
                        ReportMember(pair.Key, pair.Value, diagnostics, reportedMembers);
                    }

                    foreach (var write in writes.Values)
                    {
                        diagnostics.Add(Create(write.Location, write.Channel, write.MemberName, write.Request, new[] { write.Request.Location }));
                    }
                }

                foreach (var diagnostic in diagnostics)
                {
                    reportDiagnostic(diagnostic);
                }
            }

            private void ReportMember(ISymbol symbol, MemberFindings member, List<Diagnostic> diagnostics, ConcurrentDictionary<ISymbol, bool> reportedMembers)
            {
                if (member.Reads.Count == 0)
                {
                    // Written but never read back for a request: report each write.
                    foreach (var write in member.Writes)
                    {
                        diagnostics.Add(Create(write.Location, write.Channel, write.MemberName, write.Request, new[] { write.Request.Location }));
                    }

                    return;
                }

                var replaying = new List<RequestSummary>();
                foreach (var read in member.Reads)
                {
                    if (!read.Cleared && !replaying.Exists(r => r.Location == read.Request.Location))
                    {
                        replaying.Add(read.Request);
                    }
                }

                // Every request that reads it also clears it: a one-shot holder, the correct shape.
                if (replaying.Count == 0 || symbol.Locations.IsEmpty || !symbol.Locations[0].IsInSource)
                {
                    return;
                }

                if (!reportedMembers.TryAdd(symbol, true))
                {
                    return;
                }

                replaying.Sort((a, b) => Compare(a.Location, b.Location));
                var additional = new Location[replaying.Count];
                for (var i = 0; i < additional.Length; i++)
                {
                    additional[i] = replaying[i].Location;
                }

                diagnostics.Add(Create(symbol.Locations[0], member.Channel, symbol.Name, replaying[0], additional));
            }

            private MemberFindings MemberFor(ISymbol symbol, PersistenceChannel channel)
            {
                if (!members.TryGetValue(symbol, out var member))
                {
                    members[symbol] = member = new MemberFindings(channel);
                }

                return member;
            }

            /// <summary>The diagnostic, with the requests that send the password and, for a wrapper call, the chain it travels to its request.</summary>
            private static Diagnostic Create(Location location, PersistenceChannel channel, string? memberName, RequestSummary request, IEnumerable<Location> additionalLocations)
                => Diagnostic.Create(
                    Descriptors.PasswordPersisted,
                    location,
                    System.Linq.Enumerable.Concat(additionalLocations, request.ChainLocations),
                    request.Properties.Add(DiagnosticProperties.PersistenceChannel, channel.ToString()),
                    request.Description,
                    PersistenceChannels.Describe(channel, memberName));

            private static bool IsBefore(Location a, Location b) => Compare(a, b) < 0;

            private static int Compare(Location a, Location b)
            {
                var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
                return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
            }
        }

        /// <summary>What a diagnostic needs of a request; the findings keep no operation trees alive until the type ends.</summary>
        internal sealed class RequestSummary
        {
            public RequestSummary(RopcRequest request)
            {
                Location = request.Location;
                Description = request.Description;
                Properties = DiagnosticProperties.For(request);
                ChainLocations = request.ChainLocations;
            }

            public Location Location { get; }

            public ImmutableArray<Location> ChainLocations { get; }

            public string Description { get; }

            public ImmutableDictionary<string, string?> Properties { get; }
        }

        private sealed class MemberFindings
        {
            public MemberFindings(PersistenceChannel channel)
            {
                Channel = channel;
            }

            public PersistenceChannel Channel { get; }

            public List<Read> Reads { get; } = new();

            public List<Write> Writes { get; } = new();
        }

        private readonly struct Read
        {
            public Read(RequestSummary request, bool cleared)
            {
                Request = request;
                Cleared = cleared;
            }

            public RequestSummary Request { get; }

            public bool Cleared { get; }
        }

        private readonly struct Write
        {
            public Write(PersistenceChannel channel, string? memberName, Location location, RequestSummary request)
            {
                Channel = channel;
                MemberName = memberName;
                Location = location;
                Request = request;
            }

            public PersistenceChannel Channel { get; }

            public string? MemberName { get; }

            public Location Location { get; }

            public RequestSummary Request { get; }
        }
    }
}
