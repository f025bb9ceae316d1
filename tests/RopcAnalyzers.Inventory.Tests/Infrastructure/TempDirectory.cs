using System;
using System.IO;

namespace RopcAnalyzers.Inventory.Tests.Infrastructure
{
    /// <summary>
    /// A folder under the system temp folder for generated solutions. It holds empty Directory.Build files and a
    /// nuget.config without sources, so nothing above it leaks in and a restore never reaches the network.
    /// </summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ropc-inventory-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            Write("Directory.Build.props", "<Project />\n");
            Write("Directory.Build.targets", "<Project />\n");
            Write("nuget.config", """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                  </packageSources>
                </configuration>
                """);
        }

        public string Path { get; }

        public string this[string relativePath] => System.IO.Path.Combine(Path, relativePath);

        public string Write(string relativePath, string content)
        {
            var full = this[relativePath];
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content.Replace("\r\n", "\n", StringComparison.Ordinal));
            return full;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A build host still closing a file: the temp folder is cleaned by the system later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
