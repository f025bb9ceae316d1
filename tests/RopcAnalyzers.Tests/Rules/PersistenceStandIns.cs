namespace RopcAnalyzers.Tests.Rules
{
    /// <summary>
    /// Stand-ins, in the libraries' own namespaces, for the persistence APIs whose packages the tests do not
    /// reference: System.Configuration settings, ASP.NET Core sessions and cookies, System.Web and Serilog. The
    /// analyzer matches them by metadata name, as it matches the real ones.
    /// </summary>
    internal static class PersistenceStandIns
    {
        /// <summary>System.Configuration's settings base classes and a designer-generated Settings class (LegacyApp.Properties.Settings).</summary>
        public const string Settings = """

            namespace System.Configuration
            {
                public abstract class SettingsBase { public virtual object this[string propertyName] { get => ""; set { } } }
                public abstract class ApplicationSettingsBase : SettingsBase { public void Save() { } }
            }

            namespace LegacyApp.Properties
            {
                sealed class Settings : System.Configuration.ApplicationSettingsBase
                {
                    public static Settings Default { get; } = new Settings();
                    public string SavedPassword { get => (string)this["SavedPassword"]; set => this["SavedPassword"] = value; }
                }
            }
            """;

        public const string WebAndLogging = """

            namespace Microsoft.AspNetCore.Http
            {
                public interface ISession { void Set(string key, byte[] value); }
                public static class SessionExtensions { public static void SetString(this ISession session, string key, string value) { } }
                public interface IResponseCookies { void Append(string key, string value); }
            }

            namespace System.Web
            {
                public sealed class HttpCookie { public HttpCookie(string name, string value) { } public string Value { get; set; } = ""; }
            }

            namespace System.Web.SessionState
            {
                public sealed class HttpSessionState { public object this[string name] { get => ""; set { } } }
            }

            namespace Serilog
            {
                public static class Log { public static void Information(string messageTemplate, params object[] propertyValues) { } }
            }
            """;
    }
}
