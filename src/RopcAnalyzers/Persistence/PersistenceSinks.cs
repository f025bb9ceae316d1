using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Persistence
{
    /// <summary>
    /// The APIs that keep a value beyond the call that passes it: logs, the console, files, settings, the
    /// environment, the registry, caches, sessions and cookies. Resolved once per compilation by metadata name and
    /// matched by symbol; an API whose assembly the compilation does not reference simply never matches.
    /// </summary>
    internal sealed class PersistenceSinks
    {
        private readonly Dictionary<INamedTypeSymbol, SinkType> byType;
        private readonly ImmutableArray<(INamedTypeSymbol Type, SinkType Sink)> baseTypesAndInterfaces;
        private readonly INamedTypeSymbol? textWriter;
        private readonly INamedTypeSymbol? stringWriter;
        private readonly INamedTypeSymbol? streamWriter;
        private readonly INamedTypeSymbol? fileStream;
        private readonly INamedTypeSymbol? file;
        private readonly INamedTypeSymbol? fileInfo;
        private readonly INamedTypeSymbol? console;

        private PersistenceSinks(Compilation compilation)
        {
            byType = new Dictionary<INamedTypeSymbol, SinkType>(SymbolEqualityComparer.Default);
            var inherited = ImmutableArray.CreateBuilder<(INamedTypeSymbol, SinkType)>();

            void Add(string metadataName, PersistenceChannel channel, SinkMembers members, bool inheritedByUserTypes = false)
            {
                if (compilation.GetTypeByMetadataName(metadataName) is { } type)
                {
                    var sink = new SinkType(channel, members);
                    byType[type] = sink;
                    if (inheritedByUserTypes)
                    {
                        inherited.Add((type, sink));
                    }
                }
            }

            // Logs. Logger interfaces are implemented by user types too (wrappers), so they match through inheritance.
            Add("Microsoft.Extensions.Logging.ILogger", PersistenceChannel.Log, SinkMembers.AnyMethod, inheritedByUserTypes: true);
            Add("Microsoft.Extensions.Logging.LoggerExtensions", PersistenceChannel.Log, SinkMembers.AnyMethod);
            Add("Serilog.ILogger", PersistenceChannel.Log, SinkMembers.AnyMethod, inheritedByUserTypes: true);
            Add("Serilog.Log", PersistenceChannel.Log, SinkMembers.AnyMethod);
            Add("NLog.ILoggerBase", PersistenceChannel.Log, SinkMembers.AnyMethod, inheritedByUserTypes: true);
            Add("NLog.Logger", PersistenceChannel.Log, SinkMembers.AnyMethod, inheritedByUserTypes: true);
            Add("log4net.ILog", PersistenceChannel.Log, SinkMembers.AnyMethod, inheritedByUserTypes: true);
            Add("System.Diagnostics.Debug", PersistenceChannel.Log, SinkMembers.WriteMethods);
            Add("System.Diagnostics.Trace", PersistenceChannel.Log, SinkMembers.WriteMethods);
            Add("System.Diagnostics.TraceSource", PersistenceChannel.Log, SinkMembers.WriteMethods);
            Add("System.Console", PersistenceChannel.Console, SinkMembers.WriteMethods);

            // Files. TextWriter writes count only when the writer is seen to be opened on a file (see IsFileWriter).
            Add("System.IO.File", PersistenceChannel.File, SinkMembers.WriteMethods);

            // Settings.
            Add("System.Configuration.SettingsBase", PersistenceChannel.ApplicationSettings, SinkMembers.Setters, inheritedByUserTypes: true);
            Add("Microsoft.Maui.Storage.Preferences", PersistenceChannel.ApplicationSettings, SinkMembers.StoreMethods);
            Add("Microsoft.Maui.Storage.IPreferences", PersistenceChannel.ApplicationSettings, SinkMembers.StoreMethods, inheritedByUserTypes: true);
            Add("Xamarin.Essentials.Preferences", PersistenceChannel.ApplicationSettings, SinkMembers.StoreMethods);

            Add("System.Environment", PersistenceChannel.EnvironmentVariable, SinkMembers.SetEnvironmentVariable);
            Add("Microsoft.Win32.RegistryKey", PersistenceChannel.Registry, SinkMembers.StoreMethods);
            Add("Microsoft.Win32.Registry", PersistenceChannel.Registry, SinkMembers.StoreMethods);

            // Caches.
            Add("Microsoft.Extensions.Caching.Memory.IMemoryCache", PersistenceChannel.Cache, SinkMembers.StoreMethods, inheritedByUserTypes: true);
            Add("Microsoft.Extensions.Caching.Memory.CacheExtensions", PersistenceChannel.Cache, SinkMembers.StoreMethods);
            Add("Microsoft.Extensions.Caching.Memory.ICacheEntry", PersistenceChannel.Cache, SinkMembers.Setters, inheritedByUserTypes: true);
            Add("Microsoft.Extensions.Caching.Distributed.IDistributedCache", PersistenceChannel.Cache, SinkMembers.StoreMethods, inheritedByUserTypes: true);
            Add("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", PersistenceChannel.Cache, SinkMembers.StoreMethods);
            Add("System.Runtime.Caching.ObjectCache", PersistenceChannel.Cache, SinkMembers.StoreMethods | SinkMembers.Setters, inheritedByUserTypes: true);
            Add("System.Web.Caching.Cache", PersistenceChannel.Cache, SinkMembers.StoreMethods | SinkMembers.Setters);

            // Sessions.
            Add("Microsoft.AspNetCore.Http.ISession", PersistenceChannel.Session, SinkMembers.StoreMethods, inheritedByUserTypes: true);
            Add("Microsoft.AspNetCore.Http.SessionExtensions", PersistenceChannel.Session, SinkMembers.StoreMethods);
            Add("System.Web.SessionState.HttpSessionState", PersistenceChannel.Session, SinkMembers.StoreMethods | SinkMembers.Setters);
            Add("System.Web.HttpSessionStateBase", PersistenceChannel.Session, SinkMembers.StoreMethods | SinkMembers.Setters, inheritedByUserTypes: true);

            // Cookies.
            Add("Microsoft.AspNetCore.Http.IResponseCookies", PersistenceChannel.Cookie, SinkMembers.StoreMethods, inheritedByUserTypes: true);
            Add("System.Web.HttpCookie", PersistenceChannel.Cookie, SinkMembers.Setters | SinkMembers.Constructor);
            Add("System.Net.Cookie", PersistenceChannel.Cookie, SinkMembers.Setters | SinkMembers.Constructor);

            baseTypesAndInterfaces = inherited.ToImmutable();
            textWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
            stringWriter = compilation.GetTypeByMetadataName("System.IO.StringWriter");
            streamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
            fileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
            file = compilation.GetTypeByMetadataName("System.IO.File");
            fileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
            console = compilation.GetTypeByMetadataName("System.Console");
        }

        [Flags]
        private enum SinkMembers
        {
            None = 0,

            /// <summary>Every method: loggers log whatever they are given (messages, arguments, scopes).</summary>
            AnyMethod = 1,

            /// <summary>Write, WriteLine, WriteAllText, AppendAllLines, Print, TraceInformation, TraceEvent...</summary>
            WriteMethods = 2,

            /// <summary>Set, SetString, SetValue, Add, Insert, Append, CreateEntry...</summary>
            StoreMethods = 4,

            /// <summary>Property and indexer setters.</summary>
            Setters = 8,

            Constructor = 16,

            SetEnvironmentVariable = 32,
        }

        public static PersistenceSinks Create(Compilation compilation) => new(compilation);

        /// <summary>The channel a call writes its arguments to, or null.</summary>
        public PersistenceChannel? ForInvocation(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (FindSink(method.ContainingType) is { } sink && Accepts(sink.Members, method))
            {
                return sink.Channel;
            }

            if (!method.IsStatic && invocation.Instance is { } instance && IsTextWrite(method))
            {
                if (IsConsoleWriter(instance))
                {
                    return PersistenceChannel.Console;
                }

                if (IsFileWriter(instance, cancellationToken))
                {
                    return PersistenceChannel.File;
                }
            }

            return null;
        }

        /// <summary>The channel an assignment to a property or indexer stores into, or null.</summary>
        public PersistenceChannel? ForPropertyWrite(IPropertyReferenceOperation property)
        {
            if (FindSink(property.Property.ContainingType) is { } sink && (sink.Members & SinkMembers.Setters) != 0)
            {
                return sink.Channel;
            }

            return property.Instance?.Type is INamedTypeSymbol instanceType && FindSink(instanceType) is { } instanceSink && (instanceSink.Members & SinkMembers.Setters) != 0
                ? instanceSink.Channel
                : null;
        }

        /// <summary>The channel a constructor call stores its arguments in (cookies), or null.</summary>
        public PersistenceChannel? ForCreation(IObjectCreationOperation creation)
            => creation.Type is INamedTypeSymbol type && FindSink(type) is { } sink && (sink.Members & SinkMembers.Constructor) != 0 ? sink.Channel : null;

        private SinkType? FindSink(INamedTypeSymbol? type)
        {
            if (type is null || byType.Count == 0)
            {
                return null;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (byType.TryGetValue(current.OriginalDefinition, out var sink))
                {
                    return sink;
                }
            }

            if (baseTypesAndInterfaces.IsEmpty)
            {
                return null;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (byType.TryGetValue(implemented.OriginalDefinition, out var sink))
                {
                    return sink;
                }
            }

            return null;
        }

        private static bool Accepts(SinkMembers members, IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.PropertySet)
            {
                return (members & SinkMembers.Setters) != 0;
            }

            if ((members & SinkMembers.AnyMethod) != 0)
            {
                return true;
            }

            var name = method.Name;
            if ((members & SinkMembers.WriteMethods) != 0 && IsWriteName(name))
            {
                return true;
            }

            if ((members & SinkMembers.StoreMethods) != 0
                && (name.StartsWith("Set", StringComparison.Ordinal) || name.StartsWith("Add", StringComparison.Ordinal)
                    || name == "Insert" || name == "Append" || name == "CreateEntry"))
            {
                return true;
            }

            return (members & SinkMembers.SetEnvironmentVariable) != 0 && name == "SetEnvironmentVariable";
        }

        private static bool IsWriteName(string name)
            => name.StartsWith("Write", StringComparison.Ordinal)
               || name.StartsWith("AppendAll", StringComparison.Ordinal)
               || name == "Print"
               || name.StartsWith("Trace", StringComparison.Ordinal);

        private bool IsTextWrite(IMethodSymbol method)
        {
            if (textWriter is null || !method.Name.StartsWith("Write", StringComparison.Ordinal))
            {
                return false;
            }

            for (var current = method.ContainingType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, textWriter))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsConsoleWriter(IOperation instance)
            => StringValues.Unwrap(instance) is IPropertyReferenceOperation { Property.Name: "Out" or "Error" } property
               && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, console);

        /// <summary>
        /// Whether a TextWriter is seen to write to a file: created in the same body by new StreamWriter(path),
        /// new StreamWriter(fileStream), File.CreateText/AppendText or FileInfo.CreateText/AppendText. A writer of
        /// unknown origin (a parameter, a network stream, a StringWriter) is not a file: hand-written token requests
        /// write their form body through a StreamWriter over the request stream.
        /// </summary>
        private bool IsFileWriter(IOperation instance, CancellationToken cancellationToken)
        {
            var origin = LocalValues.SingleAssignedValue(instance, cancellationToken);
            switch (origin)
            {
                case IObjectCreationOperation creation when streamWriter is not null && InheritsFrom(creation.Type, streamWriter) && !InheritsFrom(creation.Type, stringWriter):
                    if (creation.Arguments.Length == 0)
                    {
                        return false;
                    }

                    var first = StringValues.Unwrap(creation.Arguments[0].Value);
                    return first?.Type?.SpecialType == SpecialType.System_String
                           || InheritsFrom(first?.Type, fileStream)
                           || (first is IInvocationOperation opened && IsFileOpening(opened.TargetMethod));

                case IInvocationOperation invocation:
                    return IsFileOpening(invocation.TargetMethod) && InheritsFrom(invocation.Type, textWriter);

                default:
                    return false;
            }
        }

        private bool IsFileOpening(IMethodSymbol method)
            => (SymbolEqualityComparer.Default.Equals(method.ContainingType, file) || SymbolEqualityComparer.Default.Equals(method.ContainingType, fileInfo))
               && (method.Name.StartsWith("Create", StringComparison.Ordinal) || method.Name.StartsWith("Open", StringComparison.Ordinal) || method.Name == "AppendText");

        private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class SinkType
        {
            public SinkType(PersistenceChannel channel, SinkMembers members)
            {
                Channel = channel;
                Members = members;
            }

            public PersistenceChannel Channel { get; }

            public SinkMembers Members { get; }
        }
    }
}
