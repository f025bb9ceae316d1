using System;
using System.IO;

namespace RopcAnalyzers.Inventory
{
    /// <summary>
    /// Everything that is not the report goes to stderr, so stdout stays machine-readable:
    /// progress (unless --quiet), warnings and errors (always).
    /// </summary>
    internal sealed class ConsoleLog
    {
        private readonly TextWriter writer;
        private readonly object gate = new();

        public ConsoleLog(TextWriter writer, bool quiet, bool verbose)
        {
            this.writer = writer;
            Quiet = quiet;
            Verbose = verbose;
        }

        public bool Quiet { get; }

        public bool Verbose { get; }

        public void Progress(string message)
        {
            if (!Quiet)
            {
                Write(message);
            }
        }

        public void Detail(string message)
        {
            if (Verbose)
            {
                Write(message);
            }
        }

        /// <summary>Printed even with --quiet: a run must never lose findings silently.</summary>
        public void Always(string message) => Write(message);

        public void Warning(string message) => Write("warning: " + message);

        public void Error(string message) => Write("error: " + message);

        private void Write(string message)
        {
            lock (gate)
            {
                writer.WriteLine(message);
                writer.Flush();
            }
        }
    }
}
