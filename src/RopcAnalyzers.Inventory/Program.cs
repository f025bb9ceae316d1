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
                e.Cancel = true;
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
        }
    }
}
