using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Options
{
    /// <summary>
    /// The package's .editorconfig options: every key is "ropc_analyzers.&lt;snake_case&gt;". A value is read from the
    /// options of the file being analysed (.editorconfig sections) and then from the global options
    /// (.globalconfig). A value that cannot be read falls back to the option's documented default: options never
    /// make an analyzer throw.
    /// </summary>
    internal static class RopcOptions
    {
        public const string Prefix = "ropc_analyzers.";

        /// <summary>The date that approval expiries are compared with, as yyyy-MM-dd; today (UTC) when unset or malformed.</summary>
        public const string ReferenceDateKey = Prefix + "reference_date";

        /// <summary>Whether http:// token endpoints on loopback hosts are accepted (true or false; true when unset or malformed).</summary>
        public const string AllowLoopbackHttpKey = Prefix + "allow_loopback_http";

        /// <summary>
        /// Whether every operation is offered to the recognizers even in a project without an OAuth library (true or false;
        /// false when unset or malformed): for grant constants that the literal search cannot see (<see cref="GrantLiterals"/>).
        /// </summary>
        public const string SearchEveryOperationKey = Prefix + "search_every_operation";

        /// <summary>A team's own ROPC wrappers; read by <see cref="RopcRecognizer.Create"/>.</summary>
        public const string AdditionalRopcApisKey = RopcRecognizer.ConfiguredApisOptionKey;

        /// <summary>The format of dates in options and in TrustedLegacyRopc.Expires.</summary>
        public const string DateFormat = "yyyy-MM-dd";

        private static readonly char[] ListSeparators = { ',', ';' };

        public static bool TryGetValue(AnalyzerOptions options, SyntaxTree? tree, string key, out string value)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            if ((tree is not null && provider.GetOptions(tree).TryGetValue(key, out var fromFile) && fromFile is not null)
                || (provider.GlobalOptions.TryGetValue(key, out fromFile) && fromFile is not null))
            {
                value = fromFile.Trim();
                return true;
            }

            value = string.Empty;
            return false;
        }

        /// <summary>
        /// The entries of a list option (separated by commas or semicolons, blanks dropped), from the global options
        /// and from every file's options: for settings that hold for the whole compilation.
        /// </summary>
        public static IReadOnlyCollection<string> ListValues(AnalyzerOptions options, Compilation compilation, string key)
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            foreach (var configured in CompilationWideOptions(options, compilation))
            {
                AddListEntries(configured, key, values);
            }

            return values;
        }

        /// <summary>Whether the global options or the options of any file of <paramref name="compilation"/> set <see cref="SearchEveryOperationKey"/> to true.</summary>
        public static bool SearchEveryOperation(AnalyzerOptions options, Compilation compilation)
        {
            foreach (var configured in CompilationWideOptions(options, compilation))
            {
                if (configured.TryGetValue(SearchEveryOperationKey, out var text) && bool.TryParse(text?.Trim(), out var value) && value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The reference date for approval expiries in <paramref name="tree"/>.</summary>
        public static DateTime ReferenceDate(AnalyzerOptions options, SyntaxTree? tree)
            => TryGetValue(options, tree, ReferenceDateKey, out var text) && TryParseDate(text, out var configured)
                ? configured
                : Today();

        /// <summary>The reference date for approval expiries in the additional file <paramref name="file"/> (a [*.json] section may set it).</summary>
        public static DateTime ReferenceDate(AnalyzerOptions options, AdditionalText file)
            => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ReferenceDateKey, out var text) && TryParseDate(text, out var configured)
                ? configured
                : ReferenceDate(options, tree: null);

        public static bool AllowLoopbackHttp(AnalyzerOptions options, SyntaxTree? tree)
            => !TryGetValue(options, tree, AllowLoopbackHttpKey, out var text) || !bool.TryParse(text, out var allowed) || allowed;

        /// <summary>The global options, then the options of every file: where a setting for the whole compilation may be written.</summary>
        private static IEnumerable<AnalyzerConfigOptions> CompilationWideOptions(AnalyzerOptions options, Compilation compilation)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            yield return provider.GlobalOptions;
            foreach (var tree in compilation.SyntaxTrees)
            {
                yield return provider.GetOptions(tree);
            }
        }

        private static void AddListEntries(AnalyzerConfigOptions options, string key, HashSet<string> values)
        {
            if (!options.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var entry in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (entry.Trim() is { Length: > 0 } trimmed)
                {
                    values.Add(trimmed);
                }
            }
        }

        /// <summary>Reads an ISO 8601 calendar date written as yyyy-MM-dd (surrounding spaces ignored), and nothing else.</summary>
        public static bool TryParseDate(string? text, out DateTime date)
        {
            date = default;
            return text is not null
                && DateTime.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        /// <summary>
        /// Today's date, used only when no reference date is configured. This is the one place the analyzers read
        /// the clock (BannedSymbols.txt bans it everywhere else): UTC, so that a build gives the same answer in
        /// every time zone on a given day. Builds that must be reproducible set <see cref="ReferenceDateKey"/>.
        /// </summary>
        private static DateTime Today()
        {
#pragma warning disable RS0030 // The documented exception to the clock ban: see the summary.
            return DateTime.UtcNow.Date;
#pragma warning restore RS0030
        }
    }
}
