using System;
using System.Threading;
using System.Threading.Tasks;

namespace RopcAnalyzers.Inventory
{
    /// <summary>ropc-inventory: an inventory of every ROPC use in a solution. See InventoryOptions.Usage.</summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "merge")
            {
                // Merging reads JSON files only: no MSBuild, no SDK.
                var mergeLog = new ConsoleLog(Console.Error, quiet: false, verbose: false);
                try
                {
                    return MergeCommand.Run(args[1..], Console.Out, mergeLog);
                }
                catch (Exception exception)
                {
                    mergeLog.Error($"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (please report it)");
                    return ExitCodes.InternalError;
                }
            }

            var options = InventoryOptions.Parse(args, out var error);
            if (options is null)
            {
                Console.Error.WriteLine($"error: {error}");
                Console.Error.WriteLine("Run 'ropc-inventory --help' for usage.");
                return ExitCodes.Usage;
            }

            if (options.ShowHelp)
            {
                Console.Out.WriteLine(InventoryOptions.Usage);
                return ExitCodes.Success;
            }

            if (options.ShowVersion)
            {
                Console.Out.WriteLine(InventoryCommand.Version);
                return ExitCodes.Success;
            }

            using var cancellation = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // The first Ctrl+C stops the run and writes what was analysed; a second one ends the process at once.
                e.Cancel = !cancellation.IsCancellationRequested;
                cancellation.Cancel();
            };

            var log = new ConsoleLog(Console.Error, options.Quiet, options.Verbose);
            try
            {
                return await InventoryCommand.RunAsync(options, log, Console.Out, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                log.Error("cancelled");
                return ExitCodes.Cancelled;
            }
            catch (Exception exception)
            {
                // Whatever the environment throws at us ends in one line and a documented exit code, never a
                // stack trace; --verbose keeps the trace for a bug report.
                log.Error($"unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (run with --verbose for details, and please report it)");
                log.Detail(exception.ToString());
                return ExitCodes.InternalError;
            }
        }

        private static string OneLine(string message)
            => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines ? lines[0] : message;
    }
}
