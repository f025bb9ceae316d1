using System.Collections.Concurrent;

namespace TestAuthorizationServer;

/// <summary>One request of a client to the token endpoint with a device code, and what the server answered.</summary>
public sealed record DevicePoll(int Number, DateTimeOffset At, string Outcome);

/// <summary>
/// The device-code polls the server has seen, per device code, and its polling policy: slow_down for a poll that comes
/// too soon (the interval grows by 5 seconds after each slow_down, RFC 8628 section 3.5) or whose number is in
/// <see cref="AuthorizationServerOptions.SlowDownPolls"/>.
/// </summary>
public sealed class DevicePolls(AuthorizationServerOptions options, TimeProvider time)
{
    /// <summary>The outcome recorded for a poll that obtained tokens.</summary>
    public const string Success = "success";

    private readonly ConcurrentDictionary<string, DeviceCodeState> states = new(StringComparer.Ordinal);

    /// <summary>Raised after each answered poll, with its device code's polls so far.</summary>
    public event Action<IReadOnlyList<DevicePoll>>? Answered;

    /// <summary>The polls of every device code, in the order the codes were first polled.</summary>
    public IReadOnlyList<IReadOnlyList<DevicePoll>> All => [.. states.Values.OrderBy(state => state.FirstPoll).Select(state => state.Snapshot())];

    /// <summary>Records a poll; returns true when it must be answered slow_down.</summary>
    internal bool Arrive(string deviceCode)
    {
        var state = states.GetOrAdd(deviceCode, _ => new DeviceCodeState(time.GetUtcNow(), options.DevicePollingInterval));
        return state.Arrive(time.GetUtcNow(), options.SlowDownPolls);
    }

    internal void Answer(string deviceCode, string outcome)
    {
        if (states.TryGetValue(deviceCode, out var state))
        {
            Answered?.Invoke(state.Answer(outcome));
        }
    }

    private sealed class DeviceCodeState(DateTimeOffset firstPoll, TimeSpan interval)
    {
        private readonly List<DevicePoll> polls = [];
        private DateTimeOffset? previous;
        private DateTimeOffset current;
        private TimeSpan interval = interval;

        public DateTimeOffset FirstPoll { get; } = firstPoll;

        public bool Arrive(DateTimeOffset now, IReadOnlySet<int> slowDownPolls)
        {
            lock (polls)
            {
                var number = polls.Count + 1;
                // A little leeway for timer resolution: a client that waits the interval after each answer is never too soon.
                var tooSoon = previous is { } last && now - last < interval - TimeSpan.FromMilliseconds(50);
                previous = now;
                current = now;
                var slowDown = tooSoon || slowDownPolls.Contains(number);
                if (slowDown)
                {
                    interval += TimeSpan.FromSeconds(5);
                }

                return slowDown;
            }
        }

        public IReadOnlyList<DevicePoll> Answer(string outcome)
        {
            lock (polls)
            {
                polls.Add(new DevicePoll(polls.Count + 1, current, outcome));
                return [.. polls];
            }
        }

        public IReadOnlyList<DevicePoll> Snapshot()
        {
            lock (polls)
            {
                return [.. polls];
            }
        }
    }
}
