namespace TestAuthorizationServer;

/// <summary>A resource owner of the test server.</summary>
public sealed record TestUser(string Subject, string UserName, string Password);

/// <summary>The server's users. The authorization and verification endpoints sign in <see cref="Default"/> (or the login_hint) without a page.</summary>
public static class TestUsers
{
    public static TestUser Default { get; } = new("1001", "alice", "alice-password");

    public static IReadOnlyList<TestUser> All { get; } = [Default, new("1002", "bob", "bob-password")];

    public static TestUser? Find(string? userName) => All.FirstOrDefault(user => string.Equals(user.UserName, userName, StringComparison.Ordinal));

    public static TestUser? Authenticate(string? userName, string? password)
        => Find(userName) is { } user && string.Equals(user.Password, password, StringComparison.Ordinal) ? user : null;
}
