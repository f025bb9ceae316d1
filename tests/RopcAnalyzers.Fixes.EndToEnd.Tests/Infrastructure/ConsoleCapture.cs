using System.Text;
using System.Text.RegularExpressions;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads what the code under test writes to the console (the fixes' device-code callbacks print the sign-in message
/// there) and hands over the first user code it shows. Console.Out is process-wide: the tests that use it are in one
/// non-parallel collection.
/// </summary>
public sealed partial class ConsoleCapture : TextWriter
{
    private readonly TextWriter original = Console.Out;
    private readonly StringBuilder written = new();
    private readonly TaskCompletionSource<string> userCode = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsoleCapture() => Console.SetOut(TextWriter.Synchronized(this));

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The code in "... enter the code XXXX-XXXX-XXXX ...", as the device shows it to the user.</summary>
    public Task<string> UserCode => userCode.Task;

    public string Written
    {
        get
        {
            lock (written)
            {
                return written.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (written)
        {
            written.Append(value);
            if (value == '\n' && UserCodePattern().Match(written.ToString()) is { Success: true } match)
            {
                userCode.TrySetResult(match.Groups[1].Value);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        Console.SetOut(original);
        base.Dispose(disposing);
    }

    [GeneratedRegex(@"enter the code (\S+) to authenticate")]
    private static partial Regex UserCodePattern();
}
