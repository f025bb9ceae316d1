using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC008: the password slot of a recognised ROPC request holds a string written in source (a literal, a
    /// constant, a static readonly or a local assigned once from one), test code included. Approval does not cover it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HardCodedPasswordAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.HardCodedPassword);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        if (!recognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out var request))
                        {
                            return;
                        }

                        // An empty or blank password gives nothing away (and is how placeholders are often written): not reported.
                        Location? location = null;
                        if (request.Password is { } password && StringValues.TryResolve(password, operationContext.CancellationToken, out var text))
                        {
                            location = string.IsNullOrWhiteSpace(text) ? null : password.Syntax.GetLocation();
                        }
                        else if (!string.IsNullOrWhiteSpace(request.HardCodedPasswordText))
                        {
                            // "grant_type=password&username=u&password=secret": the body that spells it out.
                            location = request.Location;
                        }

                        if (location is not null)
                        {
                            operationContext.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedPassword, location, request.Description));
                        }
                    },
                    RopcRecognizer.SiteOperationKinds);
            });
        }
    }
}
