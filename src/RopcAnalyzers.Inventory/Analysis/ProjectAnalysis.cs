using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Inventory.Model;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Inventory.Analysis
{
    /// <summary>What one project contributed: its sites and diagnostics as findings, its approvals, its problems.</summary>
    internal sealed class ProjectResult
    {
        public List<Finding> Findings { get; } = new();

        public List<ApprovalEntry> Approvals { get; } = new();

        public List<Problem> Problems { get; } = new();

        /// <summary>The calls of wrappers made in this project, each with the span of the request it reaches (in this project or a referenced one).</summary>
        public List<(SourceSpan Request, IndirectUse Use)> IndirectUses { get; } = new();

        /// <summary>Whether the compiler reported errors: then findings may be missing, and MSBuild's load messages explain why.</summary>
        public bool HasCompilerErrors { get; set; }
    }

    /// <summary>
    /// Runs the RopcAnalyzers analyzers and the site collector over one project's compilation in one analyzer
    /// driver pass, and turns what they report into findings with paths relative to the base folder.
    /// </summary>
    internal sealed class ProjectAnalysis
    {
        private readonly RopcAnalyzerCatalog catalog;
        private readonly SourcePaths paths;

        public ProjectAnalysis(RopcAnalyzerCatalog catalog, SourcePaths paths)
        {
            this.catalog = catalog;
            this.paths = paths;
        }

        /// <param name="loadMessage">What MSBuild said while loading the project, if anything: the likely cause of compiler errors.</param>
        /// <param name="referencedWrappers">The wrappers of the projects it references, whose calls are indirect uses too.</param>
        /// <param name="publishWrappers">Given this project's wrappers as soon as they are learned, for the projects that reference it.</param>
        public async Task<ProjectResult> AnalyzeAsync(Project project, Compilation compilation, string? loadMessage, RopcWrapperExports referencedWrappers, Action<RopcWrapperExports>? publishWrappers, CancellationToken cancellationToken)
        {
            var result = new ProjectResult();
            var collector = new RopcSiteCollector(referencedWrappers, publishWrappers);
            var failures = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            var analyzers = catalog.CreateAnalyzers().Add(collector);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

            var approvals = new Dictionary<(string Path, TextSpanKey Span), ApprovalEntry>();
            foreach (var approval in collector.Approvals)
            {
                EntryFor(approval, approvals);
            }

            var sitesBySpan = new Dictionary<(string Path, TextSpanKey Span), Finding>();
            foreach (var site in collector.Sites)
            {
                var location = site.Request.Location;
                if (!paths.TryGetSpan(location, out var span))
                {
                    continue;
                }

                var key = (span.Path, new TextSpanKey(location.SourceSpan.Start, location.SourceSpan.Length));
                if (sitesBySpan.ContainsKey(key))
                {
                    // One span is one site, whichever operation kinds the recognizer matched it through.
                    continue;
                }

                var finding = new Finding(
                    RuleIdentifiers.UnapprovedRopcRequest,
                    "warning",
                    string.Format(CultureInfo.InvariantCulture, Descriptors.UnapprovedRopcRequest.MessageFormat.ToString(CultureInfo.InvariantCulture), site.Request.Description),
                    span,
                    MemberNames.Of(site.ContainingSymbol),
                    SourceText(location))
                {
                    ShortMember = MemberNames.ShortOf(site.ContainingSymbol),
                    Site = new SiteDetails(site.Request.Library.ToString(), site.Request.Kind.ToString(), site.Request.ApiName, site.Request.Description),
                };

                if (site.Approval is not null)
                {
                    finding.Approval = EntryFor(site.Approval, approvals);
                    finding.Suppression = SuppressionKind.Approved;
                }

                sitesBySpan.Add(key, finding);
            }

            var indirect = new HashSet<(SourceSpan, IndirectUse)>();
            foreach (var use in collector.IndirectUses)
            {
                if (paths.TryGetSpan(use.Call.Location, out var callSpan) && paths.TryGetSpan(use.Call.ReachedRequestLocation!, out var requestSpan))
                {
                    indirect.Add((requestSpan, new IndirectUse(callSpan, MemberNames.Of(use.ContainingSymbol), MemberNames.ShortOf(use.ContainingSymbol), use.Call.Description)));
                }
            }

            result.IndirectUses.AddRange(indirect);

            var ruleIds = catalog.RuleIds;
            var compilerErrors = new List<Diagnostic>();
            foreach (var diagnostic in diagnostics)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (diagnostic.Id == RopcSiteCollector.NeverReported.Id)
                {
                    continue;
                }

                if (!ruleIds.Contains(diagnostic.Id))
                {
                    if (diagnostic.Severity == DiagnosticSeverity.Error && !diagnostic.IsSuppressed && diagnostic.Id.StartsWith("CS", StringComparison.Ordinal))
                    {
                        compilerErrors.Add(diagnostic);
                    }

                    continue;
                }

                if (!paths.TryGetSpan(diagnostic.Location, out var span))
                {
                    span = new SourceSpan(paths.Display(project.FilePath ?? project.Name), 0, 0, 0, 0);
                }

                var level = Levels.Of(diagnostic.Severity);
                if (diagnostic.Id == RuleIdentifiers.UnapprovedRopcRequest
                    && sitesBySpan.TryGetValue((span.Path, new TextSpanKey(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)), out var site))
                {
                    // The site is already in the inventory: the diagnostic only tells its configured severity and
                    // whether a #pragma or [SuppressMessage] hides it.
                    site.Level = level;
                    site.Message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
                    if (diagnostic.IsSuppressed && site.Suppression == SuppressionKind.None)
                    {
                        site.Suppression = SuppressionKind.InSource;
                    }

                    continue;
                }

                var enclosing = MemberNames.Enclosing(compilation, diagnostic.Location, cancellationToken);
                var finding = new Finding(
                    diagnostic.Id,
                    level,
                    diagnostic.GetMessage(CultureInfo.InvariantCulture),
                    span,
                    MemberNames.Of(enclosing),
                    SourceText(diagnostic.Location))
                {
                    ShortMember = MemberNames.ShortOf(enclosing),
                    Suppression = diagnostic.IsSuppressed ? SuppressionKind.InSource : SuppressionKind.None,
                };
                result.Findings.Add(finding);
            }

            result.Findings.AddRange(sitesBySpan.Values);
            result.Approvals.AddRange(approvals.Values);

            foreach (var failure in failures.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                result.Problems.Add(new Problem(Problem.AnalyzerFailure, paths.Display(project.FilePath ?? project.Name), $"{project.Name}: an analyzer failed, so findings may be missing: {failure}"));
            }

            if (compilerErrors.Count > 0)
            {
                var first = compilerErrors.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).First();
                var cause = loadMessage is null ? " (was it restored?)" : $" (MSBuild: {loadMessage})";
                result.HasCompilerErrors = true;
                result.Problems.Add(new Problem(
                    Problem.CompilerErrors,
                    paths.Display(project.FilePath ?? project.Name),
                    $"{project.Name} has {compilerErrors.Count} compiler error(s), so findings may be missing{cause}; first: {first.Id} {first.GetMessage(CultureInfo.InvariantCulture)}"));
            }

            return result;
        }

        private ApprovalEntry? EntryFor(TrustedLegacyApproval approval, Dictionary<(string Path, TextSpanKey Span), ApprovalEntry> approvals)
        {
            var location = approval.Location;
            if (!paths.TryGetSpan(location, out var span))
            {
                return null;
            }

            var key = (span.Path, new TextSpanKey(location.SourceSpan.Start, location.SourceSpan.Length));
            if (!approvals.TryGetValue(key, out var entry))
            {
                entry = new ApprovalEntry(span, MemberNames.Display(approval.Target), MemberNames.KindOf(approval.Target), approval.Justification, approval.Owner, approval.Expires)
                {
                    ShortTarget = MemberNames.Short(approval.Target),
                };
                approvals.Add(key, entry);
            }

            return entry;
        }

        private static string SourceText(Location location)
        {
            if (!location.IsInSource || location.SourceTree is null)
            {
                return string.Empty;
            }

            var text = location.SourceTree.GetText().ToString(location.SourceSpan);
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>A span as a dictionary key.</summary>
    internal readonly record struct TextSpanKey(int Start, int Length);

    /// <summary>SARIF's levels for Roslyn severities.</summary>
    internal static class Levels
    {
        public static string Of(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
    }

    /// <summary>Turns locations into paths relative to the base folder, with forward slashes, and 1-based lines and columns.</summary>
    internal sealed class SourcePaths
    {
        private readonly string baseDirectory;

        public SourcePaths(string baseDirectory)
        {
            this.baseDirectory = baseDirectory;
        }

        public string Display(string path)
        {
            // Source-generated files have virtual paths ("Generator.Assembly/Generator.Type/File.g.cs"): keep them as they are.
            var relative = Path.IsPathRooted(path) ? Path.GetRelativePath(baseDirectory, path) : path;
            return relative.Replace('\\', '/');
        }

        /// <summary>A message with the base folder's absolute paths made relative ("/src/shop/Orders/Orders.csproj" to "Orders/Orders.csproj").</summary>
        public string RelativizeText(string text)
        {
            var prefix = Path.TrimEndingDirectorySeparator(baseDirectory) + Path.DirectorySeparatorChar;
            return text.Replace(prefix, string.Empty, StringComparison.Ordinal);
        }

        public bool TryGetSpan(Location location, out SourceSpan span)
        {
            if (!location.IsInSource || location.SourceTree is null)
            {
                span = null!;
                return false;
            }

            var lines = location.GetLineSpan();
            span = new SourceSpan(
                Display(location.SourceTree.FilePath),
                lines.StartLinePosition.Line + 1,
                lines.StartLinePosition.Character + 1,
                lines.EndLinePosition.Line + 1,
                lines.EndLinePosition.Character + 1);
            return true;
        }
    }

    /// <summary>How members are named in the inventory and in fingerprints.</summary>
    internal static class MemberNames
    {
        /// <summary>A member without its containing type, parameter types by name only: "SignInAsync(HttpClient, string)".</summary>
        private static readonly SymbolDisplayFormat MemberFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeExplicitInterface,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        /// <summary>"Namespace.Type.Member(ParameterTypes)": the type in full, so that the name is unique in a solution, the parameters short.</summary>
        public static string Display(ISymbol symbol)
            => symbol is INamedTypeSymbol || symbol.ContainingType is null
                ? symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)
                : symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "." + symbol.ToDisplayString(MemberFormat);

        /// <summary>The member or type a finding belongs to: local functions and lambdas belong to their member.</summary>
        public static string Of(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol)
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol is null or INamespaceSymbol ? string.Empty : Display(symbol);
        }

        public static ISymbol? Enclosing(Compilation compilation, Location location, CancellationToken cancellationToken)
        {
            if (!location.IsInSource || location.SourceTree is null || !compilation.ContainsSyntaxTree(location.SourceTree))
            {
                return null;
            }

            var model = compilation.GetSemanticModel(location.SourceTree);
            return model.GetEnclosingSymbol(location.SourceSpan.Start, cancellationToken);
        }

        /// <summary>The containing member as <see cref="Of"/> finds it, named as people read it: see <see cref="Short"/>.</summary>
        public static string ShortOf(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol)
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol is null or INamespaceSymbol ? string.Empty : Short(symbol);
        }

        /// <summary>
        /// "Type.Member" without namespace or parameters ("Session.LoginAsync"); a property's accessors by the
        /// property, constructors as "Type.ctor", top-level statements as "Program (top-level)", lambdas and local
        /// functions by their own name inside their member.
        /// </summary>
        public static string Short(ISymbol symbol)
        {
            if (symbol is INamedTypeSymbol type)
            {
                return type.ContainingType is null ? type.Name : Short(type.ContainingType) + "." + type.Name;
            }

            if (symbol.ContainingType is not { } containingType)
            {
                return symbol.Name;
            }

            var typeName = Short(containingType);
            var name = symbol switch
            {
                IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => null,
                IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => "ctor",
                IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
                IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } method
                    => ShortOf(method.ContainingSymbol).Split('.')[^1] + (method.MethodKind == MethodKind.LocalFunction ? "/" + method.Name : "/lambda"),
                _ => symbol.Name[(symbol.Name.LastIndexOf('.') + 1)..],
            };
            return name is null ? typeName + " (top-level)" : typeName + "." + name;
        }

        public static string KindOf(ISymbol symbol) => symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => "constructor",
            IMethodSymbol { MethodKind: MethodKind.LocalFunction } => "local function",
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } => "lambda",
            IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } => "accessor",
            IMethodSymbol => "method",
            IPropertySymbol => "property",
            INamedTypeSymbol { IsRecord: true } => "record",
            INamedTypeSymbol type => type.TypeKind.ToString().ToLowerInvariant(),
            _ => symbol.Kind.ToString().ToLowerInvariant(),
        };
    }
}
