using System;
using System.Linq;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>The Program.cs of the consumer projects: a hand-written password-grant request, which needs no package but ours.</summary>
    public static class ConsumerSources
    {
        public const string Unapproved = """
            using var http = new HttpClient();
            Console.Write("User name: ");
            var userName = Console.ReadLine() ?? string.Empty;
            Console.Write("Password: ");
            using var response = await LegacyLogin.LogInAsync(http, userName, Console.ReadLine() ?? string.Empty);
            Console.WriteLine(response.StatusCode);

            static class LegacyLogin
            {
                public static Task<HttpResponseMessage> LogInAsync(HttpClient http, string userName, string password)
                    => http.PostAsync("https://login.example.com/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "password",
                        ["client_id"] = "legacy-console",
                        ["username"] = userName,
                        ["password"] = password,
                    }));
            }
            """;

        private const string LogInDeclaration = "    public static Task<HttpResponseMessage> LogInAsync(";

        /// <summary>The same program with the request approved, as the README shows, on the smallest member.</summary>
        public static string Approved { get; } = Unapproved.Replace(
            LogInDeclaration,
            $"    [RopcAnalyzers.TrustedLegacyRopc(\"The warehouse scanners' IdP has no browser or device flow yet\", Owner = \"team-warehouse\", Expires = \"{DateTime.UtcNow.AddYears(1):yyyy-MM-dd}\")]\n" + LogInDeclaration,
            StringComparison.Ordinal);

        /// <summary>Where ROPC001 is reported in <see cref="Unapproved"/>: the `["grant_type"] = "password"` pair (1-based).</summary>
        public static (int Line, int Column) RequestLocation { get; } = Locate(Unapproved, "[\"grant_type\"] = \"password\"");

        private static (int Line, int Column) Locate(string source, string text)
        {
            var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            if (line < 0 || lines.Count(l => l.Contains(text, StringComparison.Ordinal)) != 1)
            {
                throw new InvalidOperationException($"'{text}' must occur once in the source.");
            }

            return (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
        }
    }
}
