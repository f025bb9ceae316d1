namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>An IdentityModel or Duende.IdentityModel TokenResponse (or DeviceAuthorizationResponse), read by property name.</summary>
public sealed record TokenResult(bool IsError, string? Error, string? AccessToken, string? RefreshToken)
{
    public static TokenResult From(object response)
        => new(Get<bool>(response, "IsError"), Get<string>(response, "Error"), Get<string>(response, "AccessToken"), Get<string>(response, "RefreshToken"));

    public static T? Get<T>(object response, string property)
        => (T?)(response.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{response.GetType()} has no {property}")).GetValue(response);

    /// <summary>Awaits a Task&lt;T&gt; of a type known only at run time and returns its result.</summary>
    public static async Task<object> AwaitAsync(object? task)
    {
        var awaited = (Task)task!;
        await awaited;
        return awaited.GetType().GetProperty("Result")!.GetValue(awaited)!;
    }
}
