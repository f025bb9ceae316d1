using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

// The deliberately broken analyzer and fix below exist only to prove the harness catches them.
#pragma warning disable RS1036 // Extended analyzer rules are for shipped analyzers.
#pragma warning disable RS2008 // Release tracking is for shipped rules.

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>The harness itself: it finds the shipped analyzers and fixes, and it catches every kind of throw.</summary>
    public class RobustnessHarnessTests
    {
        private const string RopcSource = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                Task<TokenResponse> LogInAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = user, Password = password });
            }
            """;

        private static readonly RobustnessCase Case = new("harness", RopcSource, ReferenceSet.Libraries, WithShippedAttribute: true, ConfiguredApis: null);

        [Fact]
        public void ShippedAnalyzers_IncludeEveryAnalyzerOfTheAssembly()
        {
            var found = RobustnessHarness.ShippedAnalyzers().Select(analyzer => analyzer.GetType()).ToList();
            var declared = typeof(RuleIdentifiers).Assembly.GetTypes().Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract).ToList();

            Assert.Contains(typeof(global::RopcAnalyzers.Rules.RopcUseAnalyzer), found);
            Assert.Equal(declared.OrderBy(type => type.FullName), found.OrderBy(type => type.FullName));
        }

        [Fact]
        public void ShippedFixers_IncludeEveryExportedFixOfTheCodeFixAssembly()
        {
            var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName("RopcAnalyzers.CodeFixes"));
            var declared = assembly.GetTypes().Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract).ToList();

            Assert.Equal(declared.OrderBy(type => type.FullName), RobustnessHarness.ShippedFixers().Select(fixer => fixer.GetType()).OrderBy(type => type.FullName));
        }

        [Fact]
        public async Task ShippedAnalyzersAndFixes_OnValidCode_RunCleanly()
        {
            var result = await RobustnessHarness.ForShippedAssemblies().RunAsync(Case, CancellationToken.None);

            Assert.Empty(result.Failures);
            Assert.Equal(1, result.Diagnostics);
        }

        [Fact]
        public async Task ThrowingAnalyzer_IsReported()
        {
            var harness = new RobustnessHarness(ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()), ImmutableArray<CodeFixProvider>.Empty);

            var failures = (await harness.RunAsync(Case, CancellationToken.None)).Failures;

            Assert.Contains(failures, failure => failure.Contains(nameof(ThrowingAnalyzer), StringComparison.Ordinal) && failure.Contains("AD0001", StringComparison.Ordinal));
        }

        [Fact]
        public async Task FixThatThrowsWhileRegistering_IsReported()
        {
            var harness = new RobustnessHarness(RobustnessHarness.ShippedAnalyzers(), ImmutableArray.Create<CodeFixProvider>(new ThrowingFix(throwWhileRegistering: true)));

            var failures = (await harness.RunAsync(Case, CancellationToken.None)).Failures;

            Assert.Contains(failures, failure => failure.Contains("RegisterCodeFixesAsync", StringComparison.Ordinal));
        }

        [Fact]
        public async Task FixThatThrowsWhileApplying_IsReported()
        {
            var harness = new RobustnessHarness(RobustnessHarness.ShippedAnalyzers(), ImmutableArray.Create<CodeFixProvider>(new ThrowingFix(throwWhileRegistering: false)));

            var failures = (await harness.RunAsync(Case, CancellationToken.None)).Failures;

            Assert.Contains(failures, failure => failure.Contains("action 'Broken fix'", StringComparison.Ordinal));
        }

        [Fact]
        public void SourceCuts_AreDeterministic_AndDamageTheSource()
        {
            var first = SourceCuts.Sample("name", RopcSource, 12);
            var second = SourceCuts.Sample("name", RopcSource, 12);

            Assert.Equal(12, first.Count);
            Assert.Equal(first, second);
            Assert.All(first, cut => Assert.NotEqual(RopcSource, cut.Text));
            Assert.Contains(first, cut => cut.Description.StartsWith("closing", StringComparison.Ordinal));
            Assert.Contains(first, cut => cut.Description.StartsWith("semicolon", StringComparison.Ordinal));
            Assert.Contains(first, cut => cut.Description.StartsWith("typed up to inside", StringComparison.Ordinal));
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("TEST0002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterOperationAction(_ => throw new InvalidOperationException("analyzer bug"), OperationKind.Invocation);
            }
        }

        private sealed class ThrowingFix : CodeFixProvider
        {
            private readonly bool throwWhileRegistering;

            public ThrowingFix(bool throwWhileRegistering) => this.throwWhileRegistering = throwWhileRegistering;

            public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnapprovedRopcRequest);

            public override FixAllProvider? GetFixAllProvider() => null;

            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                if (throwWhileRegistering)
                {
                    throw new InvalidOperationException("fix bug while registering");
                }

                context.RegisterCodeFix(
                    CodeAction.Create("Broken fix", new Func<CancellationToken, Task<Document>>(_ => throw new InvalidOperationException("fix bug while applying")), equivalenceKey: "Broken"),
                    context.Diagnostics);
                return Task.CompletedTask;
            }
        }
    }
}
