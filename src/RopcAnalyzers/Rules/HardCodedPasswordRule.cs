using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC008: the password slot of a recognised ROPC request holds a string written in source (a literal, a
    /// constant, a static readonly or a local assigned once from one), test code included. Approval does not cover it.
    /// Run by <see cref="RopcUseAnalyzer"/>.
    /// </summary>
    internal static class HardCodedPasswordRule
    {
        public static void Analyze(RopcRequest request, in UseSiteContext context)
        {
            // An empty or blank password gives nothing away (and is how placeholders are often written): not reported.
            Location? location = null;
            if (request.Password is { } password && StringValues.TryResolve(password, context.CancellationToken, out var text))
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
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardCodedPassword, location, request.ChainLocations, request.Description));
            }
        }
    }
}
