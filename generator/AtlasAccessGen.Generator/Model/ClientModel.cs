using System.Linq;

namespace AtlasAccessGen.Generator.Model
{
    /// <summary>The client of one tag (<c>Cloud Provider Access</c> -> <c>CloudProviderAccessClient</c>).</summary>
    /// <param name="Tag">The tag as the spec writes it.</param>
    /// <param name="PropertyName">The root client's property, e.g. <c>CloudProviderAccess</c>.</param>
    /// <param name="TypeName">The client class; its interface is the same name with an <c>I</c> in front.</param>
    /// <param name="Operations">The tag's operations, in spec order.</param>
    /// <param name="OlderVersions">Each date that has a sub-client of explicitly versioned methods, oldest first.</param>
    /// <param name="PagingMethods">The methods that walk every page of a list operation, in operation order.</param>
    internal sealed record ClientModel(
        string Tag,
        string PropertyName,
        string TypeName,
        string? Description,
        ImmutableEquatableArray<OperationModel> Operations,
        ImmutableEquatableArray<VersionedClientModel> OlderVersions,
        ImmutableEquatableArray<PagingMethodModel> PagingMethods);

    /// <summary>A sub-client that calls one exact older version: <c>client.Clusters.V2023_02_01.CreateClusterAsync(...)</c>.</summary>
    internal sealed record VersionedClientModel(string Version, string PropertyName, string TypeName);

    /// <summary>One HTTP operation with the versions this build can call.</summary>
    /// <param name="MethodName">The method name without <c>Async</c>, from <c>x-xgen-operation-id-override</c> or <c>operationId</c>.</param>
    /// <param name="DeprecationMessage">Set when the spec marks the operation deprecated.</param>
    /// <param name="Parameters">Path, query and header parameters (not <c>envelope</c>/<c>pretty</c>), in method order.</param>
    /// <param name="Versions">The default version's variants first, then older versions, oldest first.</param>
    internal sealed record OperationModel(
        string MethodName,
        string OperationId,
        string HttpMethod,
        string Path,
        string JsonPointer,
        string? Summary,
        string? Description,
        string? DocsUrl,
        ImmutableEquatableArray<string> RequiredRoles,
        string? DeprecationMessage,
        ImmutableEquatableArray<ParameterModel> Parameters,
        ImmutableEquatableArray<OperationVersionModel> Versions)
    {
        /// <summary>The identity that survives upstream renaming the operationId: <c>GET /api/atlas/v2/groups</c>.</summary>
        public string Key => HttpMethod + " " + Path;

        /// <summary>Why the method of <paramref name="version"/> is obsolete (the operation is deprecated, the version sunset), or null.</summary>
        public string? ObsoleteMessage(OperationVersionModel version)
        {
            string message = string.Join(" ", new[] { DeprecationMessage, version.ObsoleteMessage }.Where(m => m is not null));
            return message.Length > 0 ? message : null;
        }
    }

    internal enum ParameterLocation
    {
        Path,
        Query,
        Header,
    }

    /// <summary>A path, query or header parameter of an operation.</summary>
    /// <param name="Name">The C# parameter name (camelCase, keyword-escaped where needed).</param>
    /// <param name="Pattern">The spec's regular expression for string values.</param>
    /// <param name="DefaultValue">The spec's default, for the docs (the server applies it when the value is left out).</param>
    internal sealed record ParameterModel(
        string JsonName,
        string Name,
        ParameterLocation In,
        TypeRef Type,
        bool IsRequired,
        string? Description,
        string? Pattern,
        string? Minimum,
        string? Maximum,
        string? DefaultValue);

    internal enum ResultKind
    {
        /// <summary>Nothing to read (204, or a response without a schema): the method returns <c>Task</c>.</summary>
        None,

        /// <summary>A JSON body of <see cref="OperationVersionModel.Result"/>.</summary>
        Json,

        /// <summary>A download (<c>+gzip</c>, <c>+csv</c>): the method returns the body as a stream.</summary>
        Stream,
    }

    /// <summary>One callable variant of an operation: a version (date, <c>preview</c>, or none for plain JSON) and a media type.</summary>
    /// <param name="Version">The date or <c>preview</c>; null for an operation with only <c>application/json</c>.</param>
    /// <param name="IsDefault">Called by the tag client's own method; otherwise by the sub-client of its date.</param>
    /// <param name="MethodSuffix">Told apart from a JSON variant of the same date, e.g. <c>Csv</c>; empty otherwise.</param>
    /// <param name="Accept">The one media type the request accepts.</param>
    /// <param name="ContentType">The request body's media type.</param>
    /// <param name="ResultMayBeEmpty">Another success status has no body (200 and 204): the result is null then.</param>
    /// <param name="ObsoleteMessage">Set when this version has a sunset date and a newer version exists.</param>
    internal sealed record OperationVersionModel(
        string? Version,
        bool IsDefault,
        string MethodSuffix,
        string Accept,
        string? ContentType,
        BodyModel? Body,
        ResultKind ResultKind,
        TypeRef? Result,
        bool ResultMayBeEmpty,
        string? Sunset,
        string? ObsoleteMessage);

    /// <summary>A JSON request body.</summary>
    internal sealed record BodyModel(TypeRef Type, bool IsRequired, string? Description);
}
