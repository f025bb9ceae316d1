namespace RopcAnalyzers.Persistence
{
    /// <summary>Where a resource-owner password is kept beyond its one exchange (ROPC002).</summary>
    public enum PersistenceChannel
    {
        /// <summary>A field of the type that makes the request.</summary>
        Field,

        /// <summary>An auto-property (or a property over a field) of the type that makes the request.</summary>
        Property,

        /// <summary>A primary-constructor parameter captured by a member of the type.</summary>
        PrimaryConstructorParameter,

        /// <summary>A lambda or local function that makes the request with a captured password, kept in a field.</summary>
        CapturedByStoredDelegate,

        ApplicationSettings,

        /// <summary>A collection (cache, dictionary) held in a field or static, keyed or filled with the password.</summary>
        CollectionField,

        /// <summary>The password is read back from application settings: something stored it there.</summary>
        ReadFromApplicationSettings,
        File,
        EnvironmentVariable,
        Registry,
        Cache,
        Session,
        Cookie,
        Log,
        Console,
    }

    internal static class PersistenceChannels
    {
        /// <summary>The {1} of ROPC002's message: "The password sent by X is {1}".</summary>
        public static string Describe(PersistenceChannel channel, string? memberName)
            => channel switch
            {
                PersistenceChannel.Field => $"kept in field '{memberName}'",
                PersistenceChannel.Property => $"kept in property '{memberName}'",
                PersistenceChannel.PrimaryConstructorParameter => $"kept in primary constructor parameter '{memberName}'",
                PersistenceChannel.CapturedByStoredDelegate => $"captured by a delegate kept in '{memberName}'",
                PersistenceChannel.ApplicationSettings => "stored in application settings",
                PersistenceChannel.CollectionField => $"kept in the collection in '{memberName}'",
                PersistenceChannel.ReadFromApplicationSettings => $"read back from application settings ('{memberName}'), where it is stored",
                PersistenceChannel.File => "written to a file",
                PersistenceChannel.EnvironmentVariable => "stored in an environment variable",
                PersistenceChannel.Registry => "stored in the registry",
                PersistenceChannel.Cache => "stored in a cache",
                PersistenceChannel.Session => "stored in the session",
                PersistenceChannel.Cookie => "stored in a cookie",
                PersistenceChannel.Log => "written to a log",
                PersistenceChannel.Console => "written to the console",
                _ => "kept",
            };

        /// <summary>The place named in a code fix title ("Stop writing the password to {0}").</summary>
        public static string Place(PersistenceChannel channel)
            => channel switch
            {
                PersistenceChannel.ApplicationSettings => "application settings",
                PersistenceChannel.File => "the file",
                PersistenceChannel.EnvironmentVariable => "the environment variable",
                PersistenceChannel.Registry => "the registry",
                PersistenceChannel.Cache => "the cache",
                PersistenceChannel.Session => "the session",
                PersistenceChannel.Cookie => "the cookie",
                PersistenceChannel.Log => "the log",
                PersistenceChannel.Console => "the console",
                _ => "storage",
            };

        /// <summary>Channels whose diagnostic is not at a statement that only stores the password: no statement to remove.</summary>
        public static bool HasNoRemovableWrite(PersistenceChannel channel)
            => IsMemberOfRequester(channel) || channel is PersistenceChannel.CapturedByStoredDelegate or PersistenceChannel.CollectionField or PersistenceChannel.ReadFromApplicationSettings;

        /// <summary>Channels that hold the password in the object that makes the request (reported on the declaration).</summary>
        public static bool IsMemberOfRequester(PersistenceChannel channel)
            => channel is PersistenceChannel.Field or PersistenceChannel.Property or PersistenceChannel.PrimaryConstructorParameter;
    }
}
