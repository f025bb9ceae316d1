using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// SqlClient's "Active Directory Password" authentication: the driver runs the password grant against Entra ID
    /// with the user's password (Microsoft.Data.SqlClient and System.Data.SqlClient).
    /// </summary>
    internal static class SqlClientPassword
    {
        public const string ApiName = "ActiveDirectoryPassword";
        public const string Description = "SqlClient Authentication=Active Directory Password";

        /// <summary>Whether <paramref name="compilation"/> can see the SqlAuthenticationMethod of either SqlClient (the namespace alone is not enough: System.Data.Common declares System.Data.SqlClient.SortOrder).</summary>
        public static bool IsReachableFrom(Compilation compilation)
            => compilation.GetTypeByMetadataName("Microsoft.Data.SqlClient.SqlAuthenticationMethod") is not null
               || compilation.GetTypeByMetadataName("System.Data.SqlClient.SqlAuthenticationMethod") is not null;

        /// <summary>builder.Authentication = SqlAuthenticationMethod.ActiveDirectoryPassword</summary>
        public static bool IsPasswordAuthentication(IOperation value)
            => StringValues.Unwrap(value) is IFieldReferenceOperation { Field: { Name: "ActiveDirectoryPassword", ContainingType: { Name: "SqlAuthenticationMethod" } type } }
               && (RopcApi.NamespaceIs(type.ContainingNamespace, "Microsoft.Data.SqlClient") || RopcApi.NamespaceIs(type.ContainingNamespace, "System.Data.SqlClient"));

        /// <summary>A connection string literal with Authentication=Active Directory Password (spaces and case as SqlClient accepts them).</summary>
        public static bool IsPasswordConnectionString(ILiteralOperation literal)
        {
            if (literal.ConstantValue.Value is not string text || text.IndexOf("Password", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return false;
            }

            var authentication = text.IndexOf("Authentication", StringComparison.OrdinalIgnoreCase);
            while (authentication >= 0)
            {
                var position = authentication + "Authentication".Length;
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }

                if (position < text.Length && text[position] == '=')
                {
                    var end = text.IndexOf(';', position);
                    var value = (end < 0 ? text.Substring(position + 1) : text.Substring(position + 1, end - position - 1)).Trim().Trim('"', '\'');
                    if (string.Equals(value.Replace(" ", string.Empty), "ActiveDirectoryPassword", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                authentication = text.IndexOf("Authentication", position, StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }
    }
}
