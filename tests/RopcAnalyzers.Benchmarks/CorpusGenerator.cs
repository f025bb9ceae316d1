using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>One generated source file.</summary>
    internal sealed record CorpusFile(string Path, string Text);

    /// <summary>
    /// Generates the benchmark's code base deterministically: line-of-business modules (entities, repositories,
    /// LINQ-heavy services, async HttpClient API clients with JSON, query-string and form bodies), and for
    /// corpus (b) the token-acquisition code such a code base has with IdentityModel, MSAL and Azure.Identity
    /// (client credentials, refresh, authorization code, device code, hand-written token forms) and a few ROPC sites.
    /// </summary>
    internal static class CorpusGenerator
    {
        private static readonly string[] Areas = { "Sales", "Billing", "Inventory", "Shipping", "Catalog", "Crm", "Support", "Payroll", "Reporting", "Scheduling", "Marketing", "Procurement" };

        private static readonly string[] Entities = { "Order", "Invoice", "Customer", "Product", "Shipment", "Ticket", "Employee", "Report", "Appointment", "Campaign", "Supplier", "Contract", "Payment", "Warehouse", "Vendor", "Account", "Quote", "Asset", "Project", "Lead" };

        private static readonly string[] PropertyTypes = { "int", "decimal", "string", "bool", "DateTime?", "double", "long", "Guid?" };

        /// <summary>The ROPC requests planted in corpus (b): one approved with [TrustedLegacyRopc], the others not.</summary>
        public const int PlantedRopcSites = 5;

        public const int PlantedUnapprovedRopcSites = 4;

        public static IReadOnlyList<CorpusFile> BusinessModules(int count, int seed)
        {
            var random = new Random(seed);
            var files = new List<CorpusFile>(count);
            for (var index = 0; index < count; index++)
            {
                var entity = Entities[index % Entities.Length] + (index / Entities.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var area = Areas[index % Areas.Length];
                files.Add(new CorpusFile($"{area}/{entity}.cs", BusinessModule(area, entity, random)));
            }

            return files;
        }

        /// <summary>Token-acquisition modules: <paramref name="count"/> files, of which five hold one ROPC site each when <paramref name="plantRopc"/>.</summary>
        public static IReadOnlyList<CorpusFile> AuthenticationModules(int count, int seed, bool plantRopc)
        {
            if (plantRopc && count < PlantedRopcSites)
            {
                throw new ArgumentOutOfRangeException(nameof(count), $"Corpus (b) needs at least {PlantedRopcSites} authentication modules.");
            }

            var random = new Random(seed);
            var files = new List<CorpusFile>(count);
            var spacing = Math.Max(1, count / PlantedRopcSites);
            for (var index = 0; index < count; index++)
            {
                var ropcSite = plantRopc && index % spacing == spacing / 2 && index / spacing < PlantedRopcSites ? index / spacing : -1;
                var name = Areas[index % Areas.Length] + "Partner" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                files.Add(new CorpusFile($"Integration/{name}.cs", AuthenticationModule(name, index, ropcSite, random)));
            }

            return files;
        }

        /// <summary>The unapproved ROPC requests of <see cref="WholeProgramModules"/>.</summary>
        public const int PlantedWholeProgramRopcSites = 1;

        /// <summary>The passwords <see cref="WholeProgramModules"/> keeps past the exchange, reached only through a wrapper.</summary>
        public const int PlantedWholeProgramKeptPasswords = 1;

        /// <summary>
        /// ROPC spread across files as real projects spread it, for corpus (b): a settings object whose grant type is set
        /// by its constructor's callers, a token helper that builds and posts the form, a client that wraps the helper,
        /// and a session that keeps the password and calls the client.
        /// </summary>
        public static IReadOnlyList<CorpusFile> WholeProgramModules() => new[]
        {
            new CorpusFile("Integration/Sync/SyncTokenSettings.cs", """
                namespace Contoso.Integration.Sync
                {
                    public sealed class SyncTokenSettings
                    {
                        public SyncTokenSettings(string grantType, string userName, string password)
                        {
                            GrantType = grantType;
                            UserName = userName;
                            Password = password;
                        }

                        public string GrantType { get; }

                        public string UserName { get; }

                        public string Password { get; }

                        public static SyncTokenSettings ForUser(string userName, string password) => new SyncTokenSettings("password", userName, password);
                    }
                }

                """),
            new CorpusFile("Integration/Sync/SyncTokenHelper.cs", """
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Contoso.Integration.Sync
                {
                    internal static class SyncTokenHelper
                    {
                        public static async Task<string> RequestAsync(HttpClient http, string tokenUrl, SyncTokenSettings settings, CancellationToken cancellationToken)
                        {
                            var data = new Dictionary<string, string>();
                            data.Add("grant_type", settings.GrantType);
                            data.Add("username", settings.UserName);
                            data.Add("password", settings.Password);
                            using var response = await http.PostAsync(tokenUrl, new FormUrlEncodedContent(data), cancellationToken).ConfigureAwait(false);
                            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                """),
            new CorpusFile("Integration/Sync/SyncClient.cs", """
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Contoso.Integration.Sync
                {
                    public sealed class SyncClient
                    {
                        private readonly HttpClient http;
                        private readonly string tokenUrl;

                        public SyncClient(HttpClient http, string tokenUrl)
                        {
                            this.http = http;
                            this.tokenUrl = tokenUrl;
                        }

                        public Task<string> LogInAsync(string userName, string password, CancellationToken cancellationToken)
                            => SyncTokenHelper.RequestAsync(http, tokenUrl, new SyncTokenSettings("password", userName, password), cancellationToken);
                    }
                }

                """),
            new CorpusFile("Integration/Sync/SyncSession.cs", """
                using System.Threading;
                using System.Threading.Tasks;

                namespace Contoso.Integration.Sync
                {
                    public sealed class SyncSession
                    {
                        private readonly SyncClient client;
                        private readonly string userName;
                        private readonly string password;

                        public SyncSession(SyncClient client, string userName, string password)
                        {
                            this.client = client;
                            this.userName = userName;
                            this.password = password;
                        }

                        public Task<string> RenewAsync(CancellationToken cancellationToken) => client.LogInAsync(userName, password, cancellationToken);
                    }
                }

                """),
        };

        public static int CountLines(IEnumerable<CorpusFile> files)
            => files.Sum(file => file.Text.Count(c => c == '\n'));

        private static string BusinessModule(string area, string entity, Random random)
        {
            var route = entity.ToLowerInvariant() + "s";
            var text = new StringBuilder(24_000);
            text.Append($$"""
                using System;
                using System.Collections.Concurrent;
                using System.Collections.Generic;
                using System.Globalization;
                using System.Linq;
                using System.Net;
                using System.Net.Http;
                using System.Runtime.CompilerServices;
                using System.Text;
                using System.Text.Json;
                using System.Text.RegularExpressions;
                using System.Threading;
                using System.Threading.Tasks;

                namespace Contoso.{{area}}.{{entity}}s
                {
                    public enum {{entity}}Status
                    {
                        Draft,
                        Submitted,
                        Approved,
                        Shipped,
                        Cancelled,
                    }

                    public sealed record {{entity}}Line(string Sku, int Quantity, decimal UnitPrice)
                    {
                        public decimal Total => Quantity * UnitPrice;
                    }

                    public sealed record {{entity}}Metric(string Label, int Count, decimal Average, string Names);

                    public sealed class {{entity}}
                    {
                        public Guid Id { get; init; } = Guid.NewGuid();

                        public string Name { get; set; } = string.Empty;

                        public string Code { get; set; } = string.Empty;

                        public {{entity}}Status Status { get; set; }

                        public DateTimeOffset CreatedAt { get; set; }

                        public List<{{entity}}Line> Lines { get; } = new();

                        public Dictionary<string, string> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

                        public decimal Total => Lines.Sum(line => line.Total);

                """);

            var propertyCount = 4 + random.Next(8);
            for (var p = 0; p < propertyCount; p++)
            {
                var type = PropertyTypes[random.Next(PropertyTypes.Length)];
                var initializer = type == "string" ? " = string.Empty;" : string.Empty;
                text.Append($$"""

                        public {{type}} Field{{p}} { get; set; }{{initializer}}

                """);
            }

            text.Append($$"""
                    }

                    public interface I{{entity}}Repository
                    {
                        {{entity}}? Find(Guid id);

                        IReadOnlyList<{{entity}}> FindByStatus({{entity}}Status status);

                        void Save({{entity}} item);

                        bool Remove(Guid id);

                        Task<IReadOnlyList<{{entity}}>> SearchAsync(string text, CancellationToken cancellationToken);
                    }

                    public sealed class InMemory{{entity}}Repository : I{{entity}}Repository
                    {
                        private readonly ConcurrentDictionary<Guid, {{entity}}> items = new();
                        private readonly Dictionary<string, Guid> idsByCode = new(StringComparer.OrdinalIgnoreCase);
                        private readonly object gate = new();

                        public {{entity}}? Find(Guid id) => items.TryGetValue(id, out var item) ? item : null;

                        public IReadOnlyList<{{entity}}> FindByStatus({{entity}}Status status)
                            => items.Values.Where(item => item.Status == status).OrderBy(item => item.CreatedAt).ToList();

                        public void Save({{entity}} item)
                        {
                            ArgumentNullException.ThrowIfNull(item);
                            items[item.Id] = item;
                            lock (gate)
                            {
                                idsByCode[item.Code] = item.Id;
                            }
                        }

                        public bool Remove(Guid id)
                        {
                            if (!items.TryRemove(id, out var removed))
                            {
                                return false;
                            }

                            lock (gate)
                            {
                                idsByCode.Remove(removed.Code);
                            }

                            return true;
                        }

                        public Guid? FindIdByCode(string code)
                        {
                            lock (gate)
                            {
                                return idsByCode.TryGetValue(code, out var id) ? id : null;
                            }
                        }

                        public Task<IReadOnlyList<{{entity}}>> SearchAsync(string text, CancellationToken cancellationToken)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            var terms = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                            IReadOnlyList<{{entity}}> result = items.Values
                                .Where(item => terms.All(term => item.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || item.Code.StartsWith(term, StringComparison.OrdinalIgnoreCase)))
                                .OrderByDescending(item => item.Total)
                                .ThenBy(item => item.Name, StringComparer.Ordinal)
                                .ToList();
                            return Task.FromResult(result);
                        }
                    }

                    public sealed class {{entity}}Service
                    {
                        private static readonly Regex CodePattern = new("^[A-Z]{3}-[0-9]{4,8}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
                        private readonly I{{entity}}Repository repository;
                        private readonly {{entity}}ApiClient client;
                        private readonly Dictionary<string, decimal> discounts = new(StringComparer.OrdinalIgnoreCase)
                        {
                            ["gold"] = 0.15m,
                            ["silver"] = 0.10m,
                            ["bronze"] = 0.05m,
                        };

                        public {{entity}}Service(I{{entity}}Repository repository, {{entity}}ApiClient client)
                        {
                            this.repository = repository ?? throw new ArgumentNullException(nameof(repository));
                            this.client = client ?? throw new ArgumentNullException(nameof(client));
                        }

                        public IReadOnlyList<string> Validate({{entity}} item)
                        {
                            var errors = new List<string>();
                            if (string.IsNullOrWhiteSpace(item.Name))
                            {
                                errors.Add("Name is required.");
                            }
                            else if (item.Name.Length > 200)
                            {
                                errors.Add($"Name is {item.Name.Length} characters long; the limit is 200.");
                            }

                            if (!CodePattern.IsMatch(item.Code))
                            {
                                errors.Add(string.Format(CultureInfo.InvariantCulture, "Code '{0}' does not match {1}.", item.Code, CodePattern));
                            }

                            foreach (var line in item.Lines.Where(line => line.Quantity <= 0 || line.UnitPrice < 0))
                            {
                                errors.Add("Line " + line.Sku + " has a quantity of " + line.Quantity + " and a price of " + line.UnitPrice.ToString("F2", CultureInfo.InvariantCulture) + ".");
                            }

                            return errors;
                        }

                        public string Describe({{entity}} item) => item.Status switch
                        {
                            {{entity}}Status.Draft => $"{item.Name} (draft, {item.Lines.Count} lines)",
                            {{entity}}Status.Submitted => $"{item.Name} submitted on {item.CreatedAt:yyyy-MM-dd}",
                            {{entity}}Status.Approved or {{entity}}Status.Shipped => $"{item.Name}: {item.Total:C}",
                            _ => item.Name.ToUpperInvariant(),
                        };

                        public decimal PriceFor({{entity}} item, string tier)
                        {
                            var discount = discounts.TryGetValue(tier.Trim(), out var rate) ? rate : 0m;
                            var subtotal = item.Lines.Aggregate(0m, (sum, line) => sum + line.Total);
                            return Math.Round(subtotal * (1 - discount), 2, MidpointRounding.AwayFromZero);
                        }

                        public Dictionary<{{entity}}Status, int> CountByStatus(IEnumerable<{{entity}}> items)
                            => items.GroupBy(item => item.Status).ToDictionary(group => group.Key, group => group.Count());

                        public IReadOnlyList<(string Name, decimal Total)> Top(IEnumerable<{{entity}}> items, int count)
                            => items.OrderByDescending(item => item.Total).Take(count).Select(item => (item.Name, item.Total)).ToList();

                        public Dictionary<string, List<{{entity}}>> IndexByAttribute(IEnumerable<{{entity}}> items, string attribute)
                        {
                            var index = new Dictionary<string, List<{{entity}}>>(StringComparer.OrdinalIgnoreCase);
                            foreach (var item in items)
                            {
                                if (!item.Attributes.TryGetValue(attribute, out var value))
                                {
                                    continue;
                                }

                                if (!index.TryGetValue(value, out var bucket))
                                {
                                    bucket = new List<{{entity}}>();
                                    index.Add(value, bucket);
                                }

                                bucket.Add(item);
                            }

                            return index;
                        }

                        public string ToCsv(IEnumerable<{{entity}}> items)
                        {
                            var csv = new StringBuilder();
                            csv.AppendLine("id,name,code,status,total");
                            foreach (var item in items)
                            {
                                csv.Append(item.Id.ToString("D")).Append(',')
                                    .Append(item.Name.Replace(",", " ")).Append(',')
                                    .Append(item.Code).Append(',')
                                    .Append(item.Status).Append(',')
                                    .AppendLine(item.Total.ToString(CultureInfo.InvariantCulture));
                            }

                            return csv.ToString();
                        }

                        public List<{{entity}}> ParseCsv(string csv)
                        {
                            var result = new List<{{entity}}>();
                            foreach (var row in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                            {
                                var cells = row.TrimEnd('\r').Split(',');
                                if (cells.Length < 4 || !Enum.TryParse<{{entity}}Status>(cells[3], ignoreCase: true, out var status))
                                {
                                    continue;
                                }

                                result.Add(new {{entity}} { Id = Guid.Parse(cells[0]), Name = cells[1].Trim(), Code = cells[2].ToUpperInvariant(), Status = status });
                            }

                            return result;
                        }

                        public async Task<int> SynchronizeAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
                        {
                            using var throttle = new SemaphoreSlim(4);
                            var tasks = ids.Select(async id =>
                            {
                                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                                try
                                {
                                    var remote = await client.GetAsync(id, cancellationToken).ConfigureAwait(false);
                                    if (remote is null)
                                    {
                                        return repository.Remove(id) ? 1 : 0;
                                    }

                                    repository.Save(remote);
                                    return 1;
                                }
                                finally
                                {
                                    throttle.Release();
                                }
                            });

                            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
                            return results.Sum();
                        }

                        public async IAsyncEnumerable<string> StreamNamesAsync({{entity}}Status status, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                        {
                            foreach (var item in repository.FindByStatus(status))
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                await Task.Yield();
                                yield return $"{item.Code}: {item.Name}";
                            }
                        }

                """);

            var metricCount = 6 + random.Next(7);
            for (var m = 0; m < metricCount; m++)
            {
                text.Append(MetricMethod(entity, m, random));
            }

            text.Append($$"""
                    }

                    public sealed class {{entity}}ApiClient
                    {
                        private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
                        private readonly HttpClient http;
                        private readonly string baseAddress;

                        public {{entity}}ApiClient(HttpClient http, string baseAddress)
                        {
                            this.http = http ?? throw new ArgumentNullException(nameof(http));
                            this.baseAddress = baseAddress.TrimEnd('/');
                        }

                        public async Task<{{entity}}?> GetAsync(Guid id, CancellationToken cancellationToken)
                        {
                            using var response = await http.GetAsync($"{baseAddress}/{{route}}/{id:D}", cancellationToken).ConfigureAwait(false);
                            if (response.StatusCode == HttpStatusCode.NotFound)
                            {
                                return null;
                            }

                            response.EnsureSuccessStatusCode();
                            var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                            return JsonSerializer.Deserialize<{{entity}}>(json, JsonOptions);
                        }

                        public async Task<IReadOnlyList<{{entity}}>> ListAsync(IDictionary<string, string> filters, int page, CancellationToken cancellationToken)
                        {
                            var query = string.Join("&", filters.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));
                            var url = $"{baseAddress}/{{route}}?page={page.ToString(CultureInfo.InvariantCulture)}" + (query.Length > 0 ? "&" + query : string.Empty);
                            var json = await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
                            return JsonSerializer.Deserialize<List<{{entity}}>>(json, JsonOptions) ?? new List<{{entity}}>();
                        }

                        public async Task<Guid> CreateAsync({{entity}} item, CancellationToken cancellationToken)
                        {
                            var body = JsonSerializer.Serialize(item, JsonOptions);
                            using var content = new StringContent(body, Encoding.UTF8, "application/json");
                            using var response = await http.PostAsync($"{baseAddress}/{{route}}", content, cancellationToken).ConfigureAwait(false);
                            response.EnsureSuccessStatusCode();
                            var location = response.Headers.Location?.ToString() ?? string.Empty;
                            return Guid.TryParse(location.Substring(location.LastIndexOf('/') + 1), out var id) ? id : item.Id;
                        }

                        public async Task<bool> SubmitFormAsync({{entity}} item, string comment, CancellationToken cancellationToken)
                        {
                            var form = new Dictionary<string, string>
                            {
                                ["id"] = item.Id.ToString("D"),
                                ["name"] = item.Name,
                                ["status"] = item.Status.ToString(),
                                ["comment"] = comment,
                            };

                            foreach (var attribute in item.Attributes)
                            {
                                form["attr_" + attribute.Key] = attribute.Value;
                            }

                            using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseAddress}/{{route}}/{item.Id:D}/submit") { Content = new FormUrlEncodedContent(form) };
                            request.Headers.Add("X-Correlation-Id", Guid.NewGuid().ToString("N"));
                            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                            return response.IsSuccessStatusCode;
                        }

                        public async Task<bool> RenameAsync(Guid id, string name, CancellationToken cancellationToken)
                        {
                            var payload = "{\"name\":\"" + name.Replace("\"", "\\\"") + "\",\"source\":\"{{route}}\"}";
                            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                            using var response = await http.PatchAsync($"{baseAddress}/{{route}}/{id:D}", content, cancellationToken).ConfigureAwait(false);
                            return response.IsSuccessStatusCode;
                        }

                        public async Task<string> SendWithRetryAsync(Func<HttpRequestMessage> createRequest, int attempts, CancellationToken cancellationToken)
                        {
                            for (var attempt = 1; ; attempt++)
                            {
                                using var request = createRequest();
                                try
                                {
                                    using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                                    if ((int)response.StatusCode >= 500 && attempt < attempts)
                                    {
                                        await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
                                        continue;
                                    }

                                    response.EnsureSuccessStatusCode();
                                    return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                                }
                                catch (HttpRequestException) when (attempt < attempts)
                                {
                                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
                                }
                            }
                        }
                    }
                }

                """);
            return text.ToString();
        }

        private static string MetricMethod(string entity, int index, Random random)
        {
            var threshold = random.Next(1, 20);
            switch (random.Next(4))
            {
                case 0:
                    return $$"""

                            public static {{entity}}Metric ComputeMetric{{index}}(IReadOnlyList<{{entity}}> items, int minimumLines)
                            {
                                var total = 0m;
                                var count = 0;
                                var names = new List<string>();
                                foreach (var item in items)
                                {
                                    if (item.Lines.Count <= minimumLines)
                                    {
                                        continue;
                                    }

                                    total += item.Lines.Where(line => line.Quantity > {{threshold}}).Sum(line => line.Total);
                                    count++;
                                    if (names.Count < 10)
                                    {
                                        names.Add(item.Name.Trim().ToLowerInvariant());
                                    }
                                }

                                var average = count == 0 ? 0m : Math.Round(total / count, 2);
                                var label = string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2:F2}", "{{entity}}{{index}}", count, average);
                                return new {{entity}}Metric(label, count, average, string.Join(",", names));
                            }

                    """;
                case 1:
                    return $$"""

                            public static IReadOnlyDictionary<string, int> Histogram{{index}}(IEnumerable<{{entity}}> items)
                            {
                                var histogram = new SortedDictionary<string, int>(StringComparer.Ordinal);
                                foreach (var line in items.SelectMany(item => item.Lines))
                                {
                                    var bucket = line.Quantity switch
                                    {
                                        < {{threshold}} => "small",
                                        < {{threshold * 10}} => "medium",
                                        _ => "large",
                                    };

                                    histogram[bucket] = histogram.TryGetValue(bucket, out var current) ? current + 1 : 1;
                                }

                                return histogram;
                            }

                    """;
                case 2:
                    return $$"""

                            public static async Task<string> Summarize{{index}}Async(IAsyncEnumerable<{{entity}}> items, CancellationToken cancellationToken)
                            {
                                var summary = new StringBuilder();
                                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                                await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
                                {
                                    if (!seen.Add(item.Code))
                                    {
                                        continue;
                                    }

                                    summary.Append(item.Code.PadRight({{threshold}}))
                                        .Append(" | ")
                                        .Append(item.Name.Length > 30 ? item.Name.Substring(0, 30) + "..." : item.Name)
                                        .Append(" | ")
                                        .AppendLine(item.Total.ToString("N2", CultureInfo.InvariantCulture));
                                }

                                return summary.ToString();
                            }

                    """;
                default:
                    return $$"""

                            public static IEnumerable<string> Changes{{index}}(IReadOnlyList<{{entity}}> before, IReadOnlyList<{{entity}}> after)
                            {
                                var previous = before.ToDictionary(item => item.Id);
                                foreach (var item in after)
                                {
                                    if (!previous.TryGetValue(item.Id, out var old))
                                    {
                                        yield return $"added {item.Code}";
                                    }
                                    else if (old.Status != item.Status || !string.Equals(old.Name, item.Name, StringComparison.Ordinal))
                                    {
                                        yield return $"changed {item.Code}: {old.Status} -> {item.Status}";
                                    }
                                }

                                foreach (var removed in before.Where(item => after.All(other => other.Id != item.Id)).Take({{threshold}}))
                                {
                                    yield return "removed " + removed.Code;
                                }
                            }

                    """;
            }
        }

        private static string AuthenticationModule(string name, int index, int ropcSite, Random random)
        {
            var scope = "api" + random.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = new StringBuilder(16_000);
            text.Append($$"""
                using System;
                using System.Collections.Generic;
                using System.Globalization;
                using System.Linq;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Text;
                using System.Text.Json;
                using System.Threading;
                using System.Threading.Tasks;
                using Azure.Core;
                using Azure.Identity;
                using IdentityModel.Client;
                using Microsoft.Identity.Client;

                namespace Contoso.Integration.{{name}}
                {
                    public sealed class {{name}}Options
                    {
                        public string Authority { get; set; } = "https://login.contoso.com/{{name.ToLowerInvariant()}}";

                        public string TokenEndpoint { get; set; } = "https://login.contoso.com/connect/token";

                        public string ClientId { get; set; } = "{{name.ToLowerInvariant()}}-client";

                        public string ClientSecret { get; set; } = string.Empty;

                        public string TenantId { get; set; } = "contoso.onmicrosoft.com";

                        public string Scope { get; set; } = "{{scope}}";

                        public Uri ApiAddress { get; set; } = new("https://{{name.ToLowerInvariant()}}.contoso.com/");
                    }

                    public sealed record {{name}}Token(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken);

                    /// <summary>Service-to-service tokens with IdentityModel.</summary>
                    public sealed class {{name}}ServiceTokens
                    {
                        private readonly HttpClient http;
                        private readonly {{name}}Options options;
                        private readonly Dictionary<string, {{name}}Token> cache = new(StringComparer.Ordinal);

                        public {{name}}ServiceTokens(HttpClient http, {{name}}Options options)
                        {
                            this.http = http;
                            this.options = options;
                        }

                        public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
                        {
                            if (cache.TryGetValue(options.Scope, out var cached) && cached.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
                            {
                                return cached.AccessToken;
                            }

                            var discovery = await http.GetDiscoveryDocumentAsync(options.Authority, cancellationToken).ConfigureAwait(false);
                            if (discovery.IsError)
                            {
                                throw new InvalidOperationException("Discovery failed: " + discovery.Error);
                            }

                            var response = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
                            {
                                Address = discovery.TokenEndpoint,
                                ClientId = options.ClientId,
                                ClientSecret = options.ClientSecret,
                                Scope = options.Scope,
                            }, cancellationToken).ConfigureAwait(false);

                            if (response.IsError || response.AccessToken is null)
                            {
                                throw new InvalidOperationException($"Token request failed: {response.Error} {response.ErrorDescription}");
                            }

                            var token = new {{name}}Token(response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn), response.RefreshToken);
                            cache[options.Scope] = token;
                            return token.AccessToken;
                        }

                        public async Task<{{name}}Token?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
                        {
                            var response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
                            {
                                Address = options.TokenEndpoint,
                                ClientId = options.ClientId,
                                RefreshToken = refreshToken,
                            }, cancellationToken).ConfigureAwait(false);

                            return response.IsError || response.AccessToken is null ? null : new {{name}}Token(response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn), response.RefreshToken);
                        }

                        public async Task<{{name}}Token?> RedeemCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
                        {
                            var client = new TokenClient(http, new TokenClientOptions { Address = options.TokenEndpoint, ClientId = options.ClientId });
                            var response = await client.RequestAuthorizationCodeTokenAsync(code, redirectUri, codeVerifier, cancellationToken: cancellationToken).ConfigureAwait(false);
                            return response.IsError || response.AccessToken is null ? null : new {{name}}Token(response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn), response.RefreshToken);
                        }

                        public string AuthorizeUrl(string redirectUri, string state, string codeChallenge)
                            => new RequestUrl(options.Authority + "/connect/authorize").CreateAuthorizeUrl(
                                clientId: options.ClientId,
                                responseType: "code",
                                scope: "openid profile " + options.Scope,
                                redirectUri: redirectUri,
                                state: state,
                                codeChallenge: codeChallenge,
                                codeChallengeMethod: "S256");
                    }

                    /// <summary>Hand-written token requests against partners without a client library.</summary>
                    public sealed class {{name}}FormTokens
                    {
                        private readonly HttpClient http;
                        private readonly {{name}}Options options;

                        public {{name}}FormTokens(HttpClient http, {{name}}Options options)
                        {
                            this.http = http;
                            this.options = options;
                        }

                        public async Task<string> ClientCredentialsAsync(CancellationToken cancellationToken)
                        {
                            var form = new Dictionary<string, string>
                            {
                                ["grant_type"] = "client_credentials",
                                ["client_id"] = options.ClientId,
                                ["client_secret"] = options.ClientSecret,
                                ["scope"] = options.Scope,
                            };

                            using var response = await http.PostAsync(options.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
                            response.EnsureSuccessStatusCode();
                            return ReadAccessToken(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                        }

                        public async Task<string> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
                        {
                            var body = $"grant_type=refresh_token&refresh_token={Uri.EscapeDataString(refreshToken)}&client_id={Uri.EscapeDataString(options.ClientId)}";
                            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
                            using var response = await http.PostAsync(options.TokenEndpoint, content, cancellationToken).ConfigureAwait(false);
                            response.EnsureSuccessStatusCode();
                            return ReadAccessToken(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                        }

                        public async Task<string> DeviceCodeAsync(string deviceCode, CancellationToken cancellationToken)
                        {
                            var pairs = new List<KeyValuePair<string, string>>
                            {
                                new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                                new("device_code", deviceCode),
                                new("client_id", options.ClientId),
                            };

                            using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint) { Content = new FormUrlEncodedContent(pairs) };
                            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                            return ReadAccessToken(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                        }

                        public async Task<string> ExchangeCodeAsync(string code, string redirectUri, string verifier, CancellationToken cancellationToken)
                        {
                            var body = "grant_type=authorization_code&code=" + Uri.EscapeDataString(code)
                                + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
                                + "&code_verifier=" + verifier
                                + "&client_id=" + options.ClientId;
                            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
                            using var response = await http.PostAsync(options.TokenEndpoint, content, cancellationToken).ConfigureAwait(false);
                            return ReadAccessToken(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                        }

                        public static string ReadAccessToken(string json)
                        {
                            using var document = JsonDocument.Parse(json);
                            if (document.RootElement.TryGetProperty("error", out var error))
                            {
                                throw new InvalidOperationException("Token endpoint error: " + error.GetString());
                            }

                            return document.RootElement.GetProperty("access_token").GetString() ?? string.Empty;
                        }
                    }

                    /// <summary>Tokens for Microsoft APIs with MSAL and Azure.Identity.</summary>
                    public sealed class {{name}}EntraTokens
                    {
                        private static readonly string[] GraphScopes = { "https://graph.microsoft.com/.default" };
                        private readonly {{name}}Options options;
                        private readonly IConfidentialClientApplication confidential;
                        private readonly IPublicClientApplication publicClient;
                        private readonly TokenCredential credential;

                        public {{name}}EntraTokens({{name}}Options options)
                        {
                            this.options = options;
                            confidential = ConfidentialClientApplicationBuilder.Create(options.ClientId)
                                .WithClientSecret(options.ClientSecret)
                                .WithAuthority("https://login.microsoftonline.com/" + options.TenantId)
                                .Build();
                            publicClient = PublicClientApplicationBuilder.Create(options.ClientId)
                                .WithTenantId(options.TenantId)
                                .WithRedirectUri("http://localhost")
                                .Build();
                            credential = new ChainedTokenCredential(
                                new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
                                new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret));
                        }

                        public async Task<string> ForDaemonAsync(CancellationToken cancellationToken)
                        {
                            var result = await confidential.AcquireTokenForClient(GraphScopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                            return result.AccessToken;
                        }

                        public async Task<string> ForUserAsync(Func<DeviceCodeResult, Task> showCode, CancellationToken cancellationToken)
                        {
                            var accounts = await publicClient.GetAccountsAsync().ConfigureAwait(false);
                            try
                            {
                                var silent = await publicClient.AcquireTokenSilent(GraphScopes, accounts.FirstOrDefault()).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                                return silent.AccessToken;
                            }
                            catch (MsalUiRequiredException)
                            {
                                var interactive = await publicClient.AcquireTokenWithDeviceCode(GraphScopes, showCode).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                                return interactive.AccessToken;
                            }
                        }

                        public async Task<string> ForAzureAsync(CancellationToken cancellationToken)
                        {
                            var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://management.azure.com/.default" }), cancellationToken).ConfigureAwait(false);
                            return token.Token;
                        }

                        public async Task<string> ForStorageAsync(CancellationToken cancellationToken)
                        {
                            var fallback = new DefaultAzureCredential(new DefaultAzureCredentialOptions { TenantId = options.TenantId, ExcludeInteractiveBrowserCredential = true });
                            var token = await fallback.GetTokenAsync(new TokenRequestContext(new[] { "https://storage.azure.com/.default" }), cancellationToken).ConfigureAwait(false);
                            return token.Token;
                        }
                    }

                    /// <summary>The partner's API, called with a bearer token.</summary>
                    public sealed class {{name}}Api
                    {
                        private readonly HttpClient http;
                        private readonly Func<CancellationToken, Task<string>> tokens;

                        public {{name}}Api(HttpClient http, Func<CancellationToken, Task<string>> tokens)
                        {
                            this.http = http;
                            this.tokens = tokens;
                        }

                        public async Task<JsonDocument> GetAsync(string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
                        {
                            var queryString = string.Join("&", query.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + Uri.EscapeDataString(pair.Value)));
                            using var request = new HttpRequestMessage(HttpMethod.Get, path + (queryString.Length == 0 ? string.Empty : "?" + queryString));
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens(cancellationToken).ConfigureAwait(false));
                            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                            response.EnsureSuccessStatusCode();
                            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                        }

                        public async Task<bool> PostFormAsync(string path, IDictionary<string, string> fields, CancellationToken cancellationToken)
                        {
                            var form = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["client"] = "{{name.ToLowerInvariant()}}", ["sent_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) };
                            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens(cancellationToken).ConfigureAwait(false));
                            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                            return response.IsSuccessStatusCode;
                        }
                    }

                """);

            if (ropcSite >= 0)
            {
                text.Append(RopcSite(name, ropcSite));
            }

            text.Append("""
                }

                """);
            return text.ToString();
        }

        /// <summary>The planted ROPC requests: the shapes users write, one per file.</summary>
        private static string RopcSite(string name, int site) => site switch
        {
            0 => $$"""

                    public sealed class {{name}}LegacyLogin
                    {
                        private readonly HttpClient http;

                        public {{name}}LegacyLogin(HttpClient http) => this.http = http;

                        [RopcAnalyzers.TrustedLegacyRopc("Kiosk app; the IdP has no browser flow for it yet", Owner = "team-identity", Expires = "2027-06-30")]
                        public async Task<string?> LogInAsync(string userName, string password, CancellationToken cancellationToken)
                        {
                            var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
                            {
                                Address = "https://login.contoso.com/connect/token",
                                ClientId = "kiosk",
                                UserName = userName,
                                Password = password,
                            }, cancellationToken).ConfigureAwait(false);
                            return response.AccessToken;
                        }
                    }

                """,
            1 => $$"""

                    public sealed class {{name}}ScriptLogin
                    {
                        public async Task<string> LogInAsync(IPublicClientApplication app, string userName, string password, CancellationToken cancellationToken)
                        {
                            var result = await app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, userName, password).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                            return result.AccessToken;
                        }
                    }

                """,
            2 => $$"""

                    public sealed class {{name}}ServiceAccount
                    {
                        public TokenCredential Create(string userName, string password, string tenantId, string clientId)
                            => new UsernamePasswordCredential(userName, password, tenantId, clientId);
                    }

                """,
            3 => $$"""

                    public sealed class {{name}}PasswordForm
                    {
                        public FormUrlEncodedContent Create(string userName, string password, string clientId)
                            => new(new Dictionary<string, string>
                            {
                                ["grant_type"] = "password",
                                ["username"] = userName,
                                ["password"] = password,
                                ["client_id"] = clientId,
                            });
                    }

                """,
            _ => $$"""

                    public sealed class {{name}}PasswordBody
                    {
                        public StringContent Create(string userName, string password)
                            => new("grant_type=password&username=" + Uri.EscapeDataString(userName) + "&password=" + Uri.EscapeDataString(password), Encoding.UTF8, "application/x-www-form-urlencoded");
                    }

                """,
        };
    }
}
