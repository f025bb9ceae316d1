using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.Configuration
{
    /// <summary>
    /// A "TrustedLegacyRopc" object in a configuration file: the approval of the ROPC entries of the JSON object it
    /// is written in, and of the objects nested in it (the nearest approval wins, as for the attribute).
    /// </summary>
    internal sealed class ConfigurationApproval
    {
        public const string PropertyName = "TrustedLegacyRopc";
        public const string JustificationName = "Justification";
        public const string OwnerName = "Owner";
        public const string ExpiresName = "Expires";

        public ConfigurationApproval(JsonProperty property, string targetPath)
        {
            Property = property;
            TargetPath = targetPath;
            foreach (var field in property.Value.Properties)
            {
                if (Is(field.Name, JustificationName))
                {
                    Justification = field.Value;
                }
                else if (Is(field.Name, OwnerName))
                {
                    Owner = field.Value;
                }
                else if (Is(field.Name, ExpiresName))
                {
                    Expires = field.Value;
                }
            }
        }

        /// <summary>The "TrustedLegacyRopc" property.</summary>
        public JsonProperty Property { get; }

        /// <summary>The configuration path of the object the approval is written in, as shown in messages.</summary>
        public string TargetPath { get; }

        public JsonValue? Justification { get; }

        public JsonValue? Owner { get; }

        public JsonValue? Expires { get; }

        /// <summary>Whether the approval is the nearest one of at least one ROPC entry.</summary>
        public bool CoversAnyUse { get; set; }

        /// <summary>A value as the approval rules read it: a string's value, null for null (or nothing written), any other value as written.</summary>
        public static string? Scalar(JsonValue? value, string text)
            => value?.Kind switch
            {
                null or JsonKind.Null => null,
                JsonKind.String => value.Text,
                _ => text.Substring(value.Span.Start, value.Span.Length),
            };

        /// <summary>Configuration keys are case-insensitive.</summary>
        internal static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One ROPC entry found in a configuration file.</summary>
    internal sealed class ConfigurationFinding
    {
        public ConfigurationFinding(DiagnosticDescriptor descriptor, JsonValue value, string subject, ConfigurationApproval? approval)
        {
            Descriptor = descriptor;
            Value = value;
            Subject = subject;
            Approval = approval;
        }

        public DiagnosticDescriptor Descriptor { get; }

        /// <summary>The JSON value the diagnostic is on.</summary>
        public JsonValue Value { get; }

        /// <summary>The first argument of the rule's message.</summary>
        public string Subject { get; }

        /// <summary>The nearest approval around the entry, if any.</summary>
        public ConfigurationApproval? Approval { get; }
    }

    /// <summary>
    /// Finds, in a configuration file's JSON, the entries that configure the password grant: a client section
    /// (ROPC001), the password written next to it (ROPC008), and a server's client or application that is allowed
    /// the grant (ROPC009); and the "TrustedLegacyRopc" approvals around them. Keys are compared as .NET
    /// configuration compares them, ignoring case; a key is written as its configuration path
    /// ("IdentityClients:Default", "IdentityServer:Clients:0").
    /// </summary>
    internal sealed class ConfigurationRopc
    {
        /// <summary>Auth0's extension of the password grant, also a client configured for ROPC.</summary>
        public const string Auth0PasswordRealmGrant = "http://auth0.com/oauth/grant-type/password-realm";

        /// <summary>OpenIddict's permission for the password grant (OpenIddictConstants.Permissions.GrantTypes.Password).</summary>
        public const string OpenIddictPasswordPermission = "gt:password";

        private readonly string rootName;

        private ConfigurationRopc(string rootName)
        {
            this.rootName = rootName;
        }

        public List<ConfigurationFinding> Findings { get; } = new();

        public List<ConfigurationApproval> Approvals { get; } = new();

        /// <summary>Everything found in <paramref name="root"/>; <paramref name="rootName"/> (the file name) names the top-level object.</summary>
        public static ConfigurationRopc Find(JsonValue root, string rootName)
        {
            var found = new ConfigurationRopc(rootName);
            found.Visit(root, path: string.Empty, nearestApproval: null);
            return found;
        }

        private void Visit(JsonValue value, string path, ConfigurationApproval? nearestApproval)
        {
            if (value.Kind == JsonKind.Array)
            {
                for (var i = 0; i < value.Items.Count; i++)
                {
                    Visit(value.Items[i], Child(path, i.ToString(CultureInfo.InvariantCulture)), nearestApproval);
                }

                return;
            }

            if (value.Kind != JsonKind.Object)
            {
                return;
            }

            var shownPath = path.Length == 0 ? rootName : path;
            JsonProperty? approvalProperty = null;
            foreach (var property in value.Properties)
            {
                if (ConfigurationApproval.Is(property.Name, ConfigurationApproval.PropertyName))
                {
                    approvalProperty = property;
                    var approval = new ConfigurationApproval(property, shownPath);
                    Approvals.Add(approval);
                    nearestApproval = approval;
                    break;
                }
            }

            FindClient(value, shownPath, nearestApproval);
            FindServer(value, shownPath, nearestApproval);
            foreach (var property in value.Properties)
            {
                if (property != approvalProperty)
                {
                    Visit(property.Value, Child(path, property.Name), nearestApproval);
                }
            }
        }

        /// <summary>"GrantType": "password" (or "grant_type"), and a non-blank password in the same object.</summary>
        private void FindClient(JsonValue section, string path, ConfigurationApproval? approval)
        {
            var subject = $"The client configured in '{path}'";
            var configured = false;
            foreach (var property in section.Properties)
            {
                if (Key(property.Name) == "granttype" && property.Value.StringValue is { } grant && IsClientPasswordGrant(grant))
                {
                    configured = true;
                    Add(Descriptors.UnapprovedRopcRequest, property.Value, subject, approval);
                }
            }

            if (!configured)
            {
                return;
            }

            foreach (var property in section.Properties)
            {
                if (Key(property.Name) is "password" or "userpassword" && property.Value.StringValue is { } password && password.Trim().Length > 0)
                {
                    // Not approvable, as in C#: the password is reported whether or not the grant is approved.
                    Findings.Add(new ConfigurationFinding(Descriptors.HardCodedPassword, property.Value, subject, approval: null));
                }
            }
        }

        /// <summary>An IdentityServer client's "AllowedGrantTypes" with the password grant; an OpenIddict application's "gt:password" permission.</summary>
        private void FindServer(JsonValue section, string path, ConfigurationApproval? approval)
        {
            var client = ClientId(section) is { } id ? $" '{id}'" : string.Empty;
            foreach (var property in section.Properties)
            {
                var key = Key(property.Name);
                if (key == "allowedgranttypes")
                {
                    foreach (var grant in StringsOf(property.Value))
                    {
                        if (IsServerPasswordGrant(grant.Text!))
                        {
                            Add(Descriptors.ServerEnablesPasswordGrant, grant, $"'{property.Name}' of the client{client} in '{path}'", approval);
                        }
                    }
                }
                else if (key == "permissions")
                {
                    foreach (var permission in StringsOf(property.Value))
                    {
                        if (string.Equals(permission.Text!.Trim(), OpenIddictPasswordPermission, StringComparison.OrdinalIgnoreCase))
                        {
                            Add(Descriptors.ServerEnablesPasswordGrant, permission, $"The permission '{OpenIddictPasswordPermission}' of the application{client} in '{path}'", approval);
                        }
                    }
                }
            }
        }

        private void Add(DiagnosticDescriptor descriptor, JsonValue value, string subject, ConfigurationApproval? approval)
        {
            if (approval is not null)
            {
                approval.CoversAnyUse = true;
            }

            Findings.Add(new ConfigurationFinding(descriptor, value, subject, approval));
        }

        private static string? ClientId(JsonValue section)
        {
            foreach (var property in section.Properties)
            {
                if (Key(property.Name) == "clientid" && property.Value.StringValue is { Length: > 0 } id)
                {
                    return id;
                }
            }

            return null;
        }

        /// <summary>A string, or the strings of an array.</summary>
        private static IEnumerable<JsonValue> StringsOf(JsonValue value)
        {
            if (value.Kind == JsonKind.String)
            {
                yield return value;
            }

            foreach (var item in value.Items)
            {
                if (item.Kind == JsonKind.String)
                {
                    yield return item;
                }
            }
        }

        private static bool IsClientPasswordGrant(string grant)
        {
            var trimmed = grant.Trim();
            return string.Equals(trimmed, "password", StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, Auth0PasswordRealmGrant, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>"password", or the names of IdentityServer's GrantTypes collections that contain it, as some configuration mappers accept them.</summary>
        private static bool IsServerPasswordGrant(string grant)
        {
            var trimmed = grant.Trim();
            if (trimmed.StartsWith("GrantTypes.", StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed.Substring("GrantTypes.".Length);
            }

            return string.Equals(trimmed, "password", StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, "ResourceOwnerPassword", StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, "ResourceOwnerPasswordAndClientCredentials", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A key without case, '_' or '-': "GrantType", "grant_type" and "grant-type" are one key.</summary>
        private static string Key(string name)
        {
            var key = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                if (c != '_' && c != '-')
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            return key.ToString();
        }

        private static string Child(string path, string key) => path.Length == 0 ? key : path + ":" + key;
    }
}
