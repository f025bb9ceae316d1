using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace RopcAnalyzers.Inventory
{
    /// <summary>The report formats, for stdout (<c>--format</c>) and for <c>--output</c> files (by extension).</summary>
    internal enum ReportFormat
    {
        Table,
        Json,
        Markdown,
        Sarif,
        Html,
    }

    /// <summary>A report file asked for with <c>--output</c>, its format taken from its extension.</summary>
    internal sealed record ReportOutput(string Path, ReportFormat Format);

    /// <summary>The command line, parsed. Parsing never touches MSBuild, so usage errors come back at once.</summary>
    internal sealed class InventoryOptions
    {
        public const string Usage = """
            Usage: ropc-inventory [<solution-or-project>] [options]

            Lists every OAuth 2.0 password-grant (ROPC) use in a C# solution or project: the request sites,
            approved or not, the other RopcAnalyzers findings (persisted passwords, approval problems...), and
            every [TrustedLegacyRopc] approval with its justification, owner and expiry.

            Arguments:
              <solution-or-project>     A .sln, .slnx or .csproj file, or a folder that holds exactly one
                                        (solutions first). Default: the current folder.

            Options:
              -f, --format <format>     Report written to stdout: table (default), json, markdown, sarif, html.
              -o, --output <file>       Also write a report to <file>; its format comes from the extension:
                                        .json, .sarif, .md, .txt (table), .html. May be repeated.
              --baseline <file>         Report only findings that are not in this baseline, and exit with 1
                                        when there are any.
              --write-baseline <file>   Record today's findings in <file> (to pass to --baseline later).
              --reference-date <date>   The day approvals' expiry is checked against (yyyy-MM-dd).
                                        Default: today.
              --fail-on-findings        Exit with 1 when there is any finding (unapproved site, or another
                                        warning or error), baseline or not.
              --fail-on-skipped         Exit with 3 when a project or a document could not be analysed, or a
                                        project is incomplete (loaded or compiled with errors).
              --restore                 Run 'dotnet restore' on the input first; when a solution's restore
                                        fails, restore its projects one by one.
              --restore-arg <arg>       Pass <arg> to 'dotnet restore', e.g. --restore-arg=--ignore-failed-sources.
                                        May be repeated.
              --all-frameworks          Analyse every target framework of multi-targeted projects (default:
                                        the first one only).
              -j, --parallel <n>        Analyse <n> projects at once. Default: half the processors.
              --timeout <duration>      Stop after <duration> (90s, 20m, 1h) and write what was analysed,
                                        marked partial; exit with 3.
              -p, --property <n>=<v>    An MSBuild global property for loading (and restoring) the projects,
                                        e.g. Configuration=Release. May be repeated.
              -q, --quiet               No progress on stderr (errors and skip counts still appear).
              -v, --verbose             Also print MSBuild messages and 'dotnet restore' output on stderr.
              -h, --help                Show this help.
              --version                 Show the version.

            Exit codes:
              0  the inventory was made (and no new finding, with --baseline)
              1  new findings since the baseline, or findings with --fail-on-findings
              2  usage error: bad arguments, input or baseline file missing or unreadable
              3  load error: no .NET SDK found, the solution or project cannot be opened, no project
                 could be analysed, the run timed out (--timeout), or (with --fail-on-skipped) something
                 was skipped or is incomplete
              4  unexpected error (a bug: --verbose shows the details)
              130  interrupted (Ctrl+C); what was analysed is still written, marked partial

            Merging inventories (e.g. one per repository, made in each repository's CI):
              ropc-inventory merge <a.json> <b.json>... [--format json|markdown|html|table] [--output <file>]
            """;

        public string InputPath { get; private set; } = Directory.GetCurrentDirectory();

        public ReportFormat Format { get; private set; } = ReportFormat.Table;

        public List<ReportOutput> Outputs { get; } = new();

        public string? BaselinePath { get; private set; }

        public string? WriteBaselinePath { get; private set; }

        public DateOnly? ReferenceDate { get; private set; }

        public bool FailOnFindings { get; private set; }

        public bool FailOnSkipped { get; private set; }

        public bool Restore { get; private set; }

        public List<string> RestoreArguments { get; } = new();

        public bool AllFrameworks { get; private set; }

        public TimeSpan? Timeout { get; private set; }

        /// <summary>Projects analysed at once: each compilation is already analysed concurrently, so half the cores.</summary>
        public int Parallelism { get; private set; } = Math.Max(1, Environment.ProcessorCount / 2);

        public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Quiet { get; private set; }

        public bool Verbose { get; private set; }

        public bool ShowHelp { get; private set; }

        public bool ShowVersion { get; private set; }

        /// <summary>Parses <paramref name="args"/>; on failure returns null and a message that names the bad argument.</summary>
        public static InventoryOptions? Parse(IReadOnlyList<string> args, out string? error)
        {
            var options = new InventoryOptions();
            string? input = null;
            error = null;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                var (name, inlineValue) = SplitInlineValue(arg);
                switch (name)
                {
                    case "-h" or "--help" or "-?":
                        options.ShowHelp = true;
                        break;
                    case "--version":
                        options.ShowVersion = true;
                        break;
                    case "-q" or "--quiet":
                        options.Quiet = true;
                        break;
                    case "-v" or "--verbose":
                        options.Verbose = true;
                        break;
                    case "--fail-on-findings":
                        options.FailOnFindings = true;
                        break;
                    case "--fail-on-skipped":
                        options.FailOnSkipped = true;
                        break;
                    case "--restore":
                        options.Restore = true;
                        break;
                    case "--all-frameworks":
                        options.AllFrameworks = true;
                        break;
                    case "--restore-arg":
                        // Its value starts with '-' by nature: take the next argument whatever it is.
                        if (inlineValue is null && i + 1 >= args.Count)
                        {
                            error = $"{name} needs a value";
                            return null;
                        }

                        options.RestoreArguments.Add(inlineValue ?? args[++i]);
                        options.Restore = true;
                        break;
                    case "-j" or "--parallel":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var parallel, out error))
                        {
                            return null;
                        }

                        if (!int.TryParse(parallel, NumberStyles.None, CultureInfo.InvariantCulture, out var degree) || degree < 1)
                        {
                            error = $"{name} '{parallel}' is not a number of projects (1 or more)";
                            return null;
                        }

                        options.Parallelism = degree;
                        break;
                    case "--timeout":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var timeout, out error))
                        {
                            return null;
                        }

                        if (!TryParseDuration(timeout, out var duration))
                        {
                            error = $"--timeout '{timeout}' is not a duration such as 90s, 20m or 1h";
                            return null;
                        }

                        options.Timeout = duration;
                        break;
                    case "-f" or "--format":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var format, out error))
                        {
                            return null;
                        }

                        if (!TryParseFormat(format, out var parsedFormat))
                        {
                            error = $"unknown format '{format}' for {name}: use table, json, markdown, sarif or html";
                            return null;
                        }

                        options.Format = parsedFormat;
                        break;
                    case "-o" or "--output":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var output, out error))
                        {
                            return null;
                        }

                        if (!TryFormatFromExtension(output, out var outputFormat))
                        {
                            error = $"cannot tell the format of '{output}' from its extension: use .json, .sarif, .md, .txt or .html";
                            return null;
                        }

                        options.Outputs.Add(new ReportOutput(Path.GetFullPath(output), outputFormat));
                        break;
                    case "--baseline":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var baseline, out error))
                        {
                            return null;
                        }

                        options.BaselinePath = Path.GetFullPath(baseline);
                        break;
                    case "--write-baseline":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var writeBaseline, out error))
                        {
                            return null;
                        }

                        options.WriteBaselinePath = Path.GetFullPath(writeBaseline);
                        break;
                    case "--reference-date":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var date, out error))
                        {
                            return null;
                        }

                        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var referenceDate))
                        {
                            error = $"--reference-date '{date}' is not a date in the form yyyy-MM-dd";
                            return null;
                        }

                        options.ReferenceDate = referenceDate;
                        break;
                    case "-p" or "--property":
                        if (!TryTakeValue(args, ref i, name, inlineValue, out var property, out error))
                        {
                            return null;
                        }

                        var equals = property.IndexOf('=', StringComparison.Ordinal);
                        if (equals <= 0)
                        {
                            error = $"{name} '{property}' is not of the form Name=Value";
                            return null;
                        }

                        options.Properties[property[..equals].Trim()] = property[(equals + 1)..];
                        break;
                    default:
                        if (arg.StartsWith('-') && arg.Length > 1)
                        {
                            error = $"unknown option '{arg}'";
                            return null;
                        }

                        if (input is not null)
                        {
                            error = $"only one solution or project may be given ('{input}', then '{arg}')";
                            return null;
                        }

                        input = arg;
                        break;
                }
            }

            if (input is not null)
            {
                options.InputPath = Path.GetFullPath(input);
            }

            if (options.BaselinePath is not null && options.WriteBaselinePath is not null
                && string.Equals(options.BaselinePath, options.WriteBaselinePath, StringComparison.Ordinal))
            {
                error = "--baseline and --write-baseline name the same file: compare first, then write the new baseline in another run";
                return null;
            }

            return options;
        }

        /// <summary>The format a report file gets from its extension (".sarif.json" counts as SARIF).</summary>
        public static bool TryFormatFromExtension(string path, out ReportFormat format)
        {
            var name = Path.GetFileName(path).ToLowerInvariant();
            if (name.EndsWith(".sarif", StringComparison.Ordinal) || name.EndsWith(".sarif.json", StringComparison.Ordinal))
            {
                format = ReportFormat.Sarif;
                return true;
            }

            switch (Path.GetExtension(name))
            {
                case ".json":
                    format = ReportFormat.Json;
                    return true;
                case ".md" or ".markdown":
                    format = ReportFormat.Markdown;
                    return true;
                case ".txt":
                    format = ReportFormat.Table;
                    return true;
                case ".html" or ".htm":
                    format = ReportFormat.Html;
                    return true;
                default:
                    format = default;
                    return false;
            }
        }

        /// <summary>"90s", "20m", "1h", or a number of minutes.</summary>
        public static bool TryParseDuration(string value, out TimeSpan duration)
        {
            duration = default;
            value = value.Trim().ToLowerInvariant();
            var hasUnit = value.Length > 0 && char.IsLetter(value[^1]);
            var unit = hasUnit ? value[^1] : 'm';
            var number = hasUnit ? value[..^1] : value;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                return false;
            }

            switch (unit)
            {
                case 's':
                    duration = TimeSpan.FromSeconds(amount);
                    return true;
                case 'm':
                    duration = TimeSpan.FromMinutes(amount);
                    return true;
                case 'h':
                    duration = TimeSpan.FromHours(amount);
                    return true;
                default:
                    return false;
            }
        }

        public static bool TryParseFormat(string value, out ReportFormat format)
        {
            switch (value.ToLowerInvariant())
            {
                case "table" or "text":
                    format = ReportFormat.Table;
                    return true;
                case "json":
                    format = ReportFormat.Json;
                    return true;
                case "markdown" or "md":
                    format = ReportFormat.Markdown;
                    return true;
                case "sarif":
                    format = ReportFormat.Sarif;
                    return true;
                case "html":
                    format = ReportFormat.Html;
                    return true;
                default:
                    format = default;
                    return false;
            }
        }

        /// <summary>Splits "--name=value" (long options only: "-p:Name=Value" style is MSBuild's, not ours).</summary>
        public static (string Name, string? Value) SplitInlineValue(string arg)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    return (arg[..equals], arg[(equals + 1)..]);
                }
            }

            return (arg, null);
        }

        public static bool TryTakeValue(IReadOnlyList<string> args, ref int index, string name, string? inlineValue, out string value, out string? error)
        {
            if (inlineValue is not null)
            {
                value = inlineValue;
                error = null;
                return true;
            }

            if (index + 1 < args.Count && !(args[index + 1].StartsWith('-') && args[index + 1].Length > 1))
            {
                value = args[++index];
                error = null;
                return true;
            }

            value = string.Empty;
            error = $"{name} needs a value";
            return false;
        }
    }
}
