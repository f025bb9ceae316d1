using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>Which family of API a recognised ROPC request goes through.</summary>
    public enum RopcLibrary
    {
        IdentityModel,
        DuendeIdentityModel,
        Msal,
        Adal,
        AzureIdentity,
        OpenIddict,
        Auth0,
        OtherVendor,
        ConfiguredApi,
        HandWrittenHttp,
    }

    /// <summary>What the recognised site does.</summary>
    public enum RopcRequestKind
    {
        /// <summary>A library call that sends the password grant (or creates the credential that will).</summary>
        LibraryRequest,

        /// <summary>A request object built for the password grant that is not sent in the same body.</summary>
        RequestObject,

        /// <summary>A hand-written form field or body carrying grant_type=password.</summary>
        FormField,

        /// <summary>Client configuration that turns the password grant on.</summary>
        ClientConfiguration,

        /// <summary>
        /// A call of one of the project's own methods (or constructors) that passes its arguments on to an ROPC request
        /// elsewhere: an indirect use, judged for what it passes (ROPC002, ROPC007, ROPC008), never reported as a request.
        /// </summary>
        WrapperCall,
    }

    /// <summary>
    /// One ROPC request site and the parts the recognizer could extract from it. Every rule, code fix and
    /// tool works from this: the parts are operations in the site's own compilation, or null when the shape
    /// does not carry them within reach.
    /// </summary>
    public sealed class RopcRequest
    {
        internal RopcRequest(IOperation site, RopcLibrary library, RopcRequestKind kind, string apiName, string description)
        {
            Site = site;
            Library = library;
            Kind = kind;
            ApiName = apiName;
            Description = description;
        }

        /// <summary>The invocation, creation, assignment or string that sends or configures the request.</summary>
        public IOperation Site { get; }

        public Location Location => Site.Syntax.GetLocation();

        public RopcLibrary Library { get; }

        public RopcRequestKind Kind { get; }

        /// <summary>The member or type that makes this an ROPC request, e.g. "RequestPasswordTokenAsync".</summary>
        public string ApiName { get; }

        /// <summary>What was found, as shown to users, e.g. "IdentityModel RequestPasswordTokenAsync".</summary>
        public string Description { get; }

        /// <summary>The token endpoint address, when the request carries it.</summary>
        public IOperation? EndpointAddress { get; internal set; }

        public IOperation? ClientId { get; internal set; }

        public IOperation? UserName { get; internal set; }

        /// <summary>The value that goes into the password slot of the request.</summary>
        public IOperation? Password { get; internal set; }

        /// <summary>A password written into a string body as literal text ("...&amp;password=secret"), when there is one.</summary>
        public string? HardCodedPasswordText { get; internal set; }

        /// <summary>For a <see cref="RopcRequestKind.WrapperCall"/>: the calls the arguments travel through, then the request they reach.</summary>
        public ImmutableArray<Location> ChainLocations { get; internal set; } = ImmutableArray<Location>.Empty;

        /// <summary>
        /// For a <see cref="RopcRequestKind.WrapperCall"/>: the request the call reaches (the site ROPC001 reports), which is
        /// the last of <see cref="ChainLocations"/> unless a call along the chain picks the password grant for a form whose
        /// grant is a parameter; null when the grant is still the caller's caller's to choose.
        /// </summary>
        public Location? ReachedRequestLocation { get; internal set; }

        /// <summary>For request-object APIs: the creation of the request object, when it is in the same body.</summary>
        public IObjectCreationOperation? RequestObjectCreation { get; internal set; }
    }
}
