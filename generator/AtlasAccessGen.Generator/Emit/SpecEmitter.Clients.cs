using System;
using System.Collections.Generic;
using System.Linq;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        private const string Runtime = "global::AtlasAccessGen.Runtime.";
        private const string Paging = Runtime + "Paging.";
        private const string OptionsParameter = Runtime + "AtlasRequestOptions? options = null";
        private const string CancellationParameter = "global::System.Threading.CancellationToken cancellationToken = default";

        private void WriteRootClient(SourceWriter writer)
        {
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            string pinned = _spec.ApiVersion is null ? "the newest stable version of each operation" : "API version " + XmlDoc(_spec.ApiVersion) + " (each operation's newest version on or before it)";
            writer.WriteLine($"/// <summary>The entry point to the Atlas Administration API operations generated from {XmlDoc(_spec.SpecFileName)}: one client per tag.</summary>");
            writer.WriteLine("public partial interface IAtlasClient");
            writer.OpenBrace();
            for (int i = 0; i < _spec.Clients.Count; i++)
            {
                ClientModel client = _spec.Clients[i];
                if (i > 0)
                {
                    writer.WriteLine();
                }

                writer.WriteLine($"/// <summary>The operations tagged <c>{XmlDoc(client.Tag)}</c>.</summary>");
                writer.WriteLine($"{Global("I" + client.TypeName)} {client.PropertyName} {{ get; }}");
            }

            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteBlock($$"""
                /// <summary>
                /// The Atlas Administration API generated from {{XmlDoc(_spec.SpecFileName)}}, calling {{pinned}}.
                /// Authentication and resilience belong to the <see cref="global::System.Net.Http.HttpClient"/>'s handlers.
                /// </summary>
                public sealed partial class AtlasClient : IAtlasClient, global::System.IDisposable
                {
                    /// <summary>The API version pinned at build time (<c>AtlasApiVersion</c>), or null when each operation calls its newest stable version.</summary>
                    public const string? PinnedApiVersion = {{(_spec.ApiVersion is null ? "null" : Literal(_spec.ApiVersion))}};

                    /// <summary>
                    /// Creates a client with its own HTTP pipeline built from <paramref name="options"/>: authentication
                    /// (API key or Service Account), retries and logging. Dispose it when done.
                    /// </summary>
                    /// <exception cref="global::System.ArgumentException">The options are invalid.</exception>
                    public AtlasClient({{Runtime}}AtlasClientOptions options)
                        : this(new {{Runtime}}AtlasTransport(options))
                    {
                    }

                    /// <summary>Creates a client that sends requests through <paramref name="httpClient"/>.</summary>
                    /// <param name="httpClient">The HTTP client; its handlers authenticate. Its <c>BaseAddress</c>, when set, wins over <see cref="{{Runtime}}AtlasClientOptions.BaseAddress"/>.</param>
                    /// <param name="options">Client-wide settings; defaults when null.</param>
                    public AtlasClient(global::System.Net.Http.HttpClient httpClient, {{Runtime}}AtlasClientOptions? options = null)
                        : this(new {{Runtime}}AtlasTransport(httpClient, options))
                    {
                    }

                    /// <summary>Creates a client over an existing transport (shared by several generated clients, say).</summary>
                    public AtlasClient({{Runtime}}AtlasTransport transport)
                    {
                        global::System.ArgumentNullException.ThrowIfNull(transport);
                        Transport = transport;
                """);
            writer.Indent();
            writer.Indent();
            foreach (ClientModel client in _spec.Clients)
            {
                writer.WriteLine($"{client.PropertyName} = new {Global(client.TypeName)}(transport);");
            }

            writer.Unindent();
            writer.WriteLine("}");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The transport every client of this instance sends through.</summary>");
            writer.WriteLine($"public {Runtime}AtlasTransport Transport {{ get; }}");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Releases the HTTP client if this instance created it; one passed in stays the caller's.</summary>");
            writer.WriteLine("public void Dispose() => Transport.Dispose();");
            foreach (ClientModel client in _spec.Clients)
            {
                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc/>");
                writer.WriteLine($"public {Global("I" + client.TypeName)} {client.PropertyName} {{ get; }}");
            }

            writer.CloseBrace();
            writer.CloseBrace();
        }

        private void WriteServiceRegistration(SourceWriter writer)
        {
            const string DI = "global::Microsoft.Extensions.DependencyInjection.";
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            writer.WriteBlock($$"""
                /// <summary>Registers the client generated from {{XmlDoc(_spec.SpecFileName)}} with dependency injection.</summary>
                public static partial class AtlasServiceCollectionExtensions
                {
                    /// <summary>
                    /// Registers <see cref="IAtlasClient"/> as a typed client on <c>IHttpClientFactory</c>, with authentication,
                    /// retries and logging in its pipeline, and each tag's client (e.g. resolve <c>I{Tag}Client</c> directly).
                    /// </summary>
                    /// <param name="services">The service collection.</param>
                    /// <param name="configure">Sets the options (credentials, base address, retries...); they are validated when the first client is created.</param>
                    /// <returns>The HTTP client builder, to add handlers of your own.</returns>
                    public static {{DI}}IHttpClientBuilder AddAtlasClient(this {{DI}}IServiceCollection services, global::System.Action<{{Runtime}}AtlasClientOptions> configure)
                    {
                        {{DI}}IHttpClientBuilder builder = global::AtlasAccessGen.Runtime.DependencyInjection.AtlasServices.AddAtlasHttpClient<{{Global("IAtlasClient")}}>(
                            services,
                            {{Literal(_ns)}},
                            configure,
                            static (http, options) => new {{Global("AtlasClient")}}(http, options));
                """);
            writer.Indent();
            writer.Indent();
            foreach (ClientModel client in _spec.Clients)
            {
                writer.WriteLine(DI + "ServiceCollectionServiceExtensions.AddTransient<" + Global("I" + client.TypeName) + ">(services, static provider => "
                    + DI + "ServiceProviderServiceExtensions.GetRequiredService<" + Global("IAtlasClient") + ">(provider)." + client.PropertyName + ");");
            }

            writer.WriteLine("return builder;");
            writer.Unindent();
            writer.Unindent();
            writer.WriteLine("    }");
            writer.WriteLine("}");
            writer.CloseBrace();
        }

        private void WriteClient(SourceWriter writer, ClientModel client)
        {
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            List<OperationMethod> methods = client.Operations
                .SelectMany(operation => operation.Versions.Where(v => v.IsDefault).Select(version => new OperationMethod(operation, version)))
                .ToList();
            WriteSummary(writer, client.Description, "The operations tagged <c>" + XmlDoc(client.Tag) + "</c>.");
            writer.WriteLine($"public partial interface I{client.TypeName}");
            writer.OpenBrace();
            foreach (VersionedClientModel versioned in client.OlderVersions)
            {
                writer.WriteLine($"/// <summary>The operations of this tag that still have a version {XmlDoc(versioned.Version)}, called at exactly that version.</summary>");
                writer.WriteLine($"{Global("I" + versioned.TypeName)} {versioned.PropertyName} {{ get; }}");
                writer.WriteLine();
            }

            WriteInterfaceMethods(writer, methods);
            foreach (PagingMethodModel paging in client.PagingMethods)
            {
                WritePagingMethod(writer, paging, PagedMethod(methods, paging));
            }

            writer.CloseBrace();
            writer.WriteLine();

            WriteSummary(writer, client.Description, "The operations tagged <c>" + XmlDoc(client.Tag) + "</c>.");
            OpenClientClass(writer, client.TypeName, "Creates the client over a transport; <see cref=\"AtlasClient\"/> does this for every tag.");
            foreach (VersionedClientModel versioned in client.OlderVersions)
            {
                writer.WriteLine($"{versioned.PropertyName} = new {Global(versioned.TypeName)}(transport);");
            }

            writer.CloseBrace();
            foreach (VersionedClientModel versioned in client.OlderVersions)
            {
                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc/>");
                writer.WriteLine($"public {Global("I" + versioned.TypeName)} {versioned.PropertyName} {{ get; }}");
            }

            WriteClassMethods(writer, methods);

            writer.CloseBrace();

            foreach (VersionedClientModel versioned in client.OlderVersions)
            {
                WriteVersionedClient(writer, client, versioned);
            }

            writer.CloseBrace();
        }

        private void WriteVersionedClient(SourceWriter writer, ClientModel client, VersionedClientModel versioned)
        {
            List<OperationMethod> methods = client.Operations
                .SelectMany(operation => operation.Versions.Where(v => !v.IsDefault && v.Version == versioned.Version).Select(version => new OperationMethod(operation, version)))
                .ToList();
            string summary = "/// <summary>The operations tagged <c>" + XmlDoc(client.Tag) + "</c> at exactly version " + XmlDoc(versioned.Version) + ", for code that has not moved to the newer version yet.</summary>";
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine($"public partial interface I{versioned.TypeName}");
            writer.OpenBrace();
            WriteInterfaceMethods(writer, methods);
            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteLine(summary);
            OpenClientClass(writer, versioned.TypeName, "Creates the client over a transport.");
            writer.CloseBrace();
            WriteClassMethods(writer, methods);
            writer.CloseBrace();
        }

        /// <summary>Opens a client class, its transport field and its constructor; the constructor is left open for more assignments.</summary>
        private static void OpenClientClass(SourceWriter writer, string typeName, string constructorSummaryXml)
        {
            writer.WriteLine($"public sealed partial class {typeName} : I{typeName}");
            writer.OpenBrace();
            writer.WriteLine($"private readonly {Runtime}AtlasTransport _transport;");
            writer.WriteLine();
            writer.WriteLine($"/// <summary>{constructorSummaryXml}</summary>");
            writer.WriteLine($"public {typeName}({Runtime}AtlasTransport transport)");
            writer.OpenBrace();
            writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(transport);");
            writer.WriteLine("_transport = transport;");
        }

        private void WriteInterfaceMethods(SourceWriter writer, List<OperationMethod> methods)
        {
            bool first = true;
            foreach (OperationMethod method in methods)
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                WriteMethodDocs(writer, method);
                WriteObsolete(writer, method);
                writer.WriteLine($"{Signature(method)};");
            }
        }

        private void WriteClassMethods(SourceWriter writer, List<OperationMethod> methods)
        {
            foreach (OperationMethod method in methods)
            {
                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc/>");
                WriteObsolete(writer, method);
                writer.WriteLine($"public {Signature(method)}");
                writer.OpenBrace();
                WriteMethodBody(writer, method);
                writer.CloseBrace();
            }
        }

        private static void WriteObsolete(SourceWriter writer, OperationMethod method)
        {
            if (method.Operation.ObsoleteMessage(method.Version) is { } message)
            {
                writer.WriteLine($"[global::System.Obsolete({Literal(message)})]");
            }
        }

        private string Signature(OperationMethod method) => Signature(method, method.Name, null);

        /// <param name="name">The method's name (a forwarder from an old name has another).</param>
        /// <param name="receiver">The parameter declaration that makes it an extension method, or null.</param>
        private string Signature(OperationMethod method, string name, string? receiver)
        {
            OperationVersionModel version = method.Version;
            string returnType = version.ResultKind switch
            {
                ResultKind.Json => "global::System.Threading.Tasks.Task<" + TypeName(Transportable(version.Result!)) + (MayBeNull(version) ? "?" : string.Empty) + ">",
                ResultKind.Stream => "global::System.Threading.Tasks.Task<global::System.IO.Stream>",
                _ => "global::System.Threading.Tasks.Task",
            };
            IEnumerable<string> parameters = SignatureParameters(method).Select(p => p.Declaration);
            return returnType + " " + name + "(" + string.Join(", ", receiver is null ? parameters : parameters.Prepend(receiver)) + ")";
        }

        /// <summary>The method's parameters in order: each declaration, and the parameter's JSON name (null for the body, options and token).</summary>
        private List<(string Declaration, string Name, string? JsonName)> SignatureParameters(OperationMethod method)
        {
            OperationVersionModel version = method.Version;
            IEnumerable<ParameterModel> all = method.Operation.Parameters;
            var parameters = all.Where(p => p.In == ParameterLocation.Path).Select(p => (ParameterTypeName(p) + " " + p.Name, p.Name, (string?)p.JsonName)).ToList();
            string? bodyType = version.Body is { } body ? TypeName(Transportable(body.Type)) : null;
            if (version.Body is { IsRequired: true })
            {
                parameters.Add((bodyType + " body", "body", null));
            }

            parameters.AddRange(all.Where(p => p.In != ParameterLocation.Path && p.IsRequired).Select(p => (ParameterTypeName(p) + " " + p.Name, p.Name, (string?)p.JsonName)));
            if (version.Body is { IsRequired: false })
            {
                parameters.Add((bodyType + "? body = null", "body", null));
            }

            parameters.AddRange(all.Where(p => !p.IsRequired).Select(p => (ParameterTypeName(p) + "? " + p.Name + " = null", p.Name, (string?)p.JsonName)));
            parameters.Add((OptionsParameter, "options", null));
            parameters.Add((CancellationParameter, "cancellationToken", null));
            return parameters;
        }

        /// <summary>200 with a body beside a 204 without: a reference-typed result is null on the 204.</summary>
        private static bool MayBeNull(OperationVersionModel version) => version.ResultMayBeEmpty && !Transportable(version.Result!).IsValueType;

        private string ParameterTypeName(ParameterModel parameter) =>
            parameter.Type.Kind == TypeKind.Array
                ? "global::System.Collections.Generic.IEnumerable<" + TypeName(parameter.Type.Item!) + ">"
                : TypeName(parameter.Type);

        private void WriteMethodBody(SourceWriter writer, OperationMethod method)
        {
            OperationModel operation = method.Operation;
            OperationVersionModel version = method.Version;
            foreach (ParameterModel parameter in operation.Parameters)
            {
                WriteArgumentChecks(writer, parameter);
            }

            if (version.Body is { IsRequired: true })
            {
                writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(body);");
            }

            writer.WriteLine($"var request = new {Runtime}AtlasRequest({HttpMethodExpression(operation.HttpMethod)}, {PathExpression(operation)}, {Literal(version.Accept)});");
            foreach (ParameterModel parameter in operation.Parameters.Where(p => p.In != ParameterLocation.Path))
            {
                string add = parameter.In == ParameterLocation.Query ? "Query" : "Header";
                writer.WriteLine($"request.{add}({Literal(parameter.JsonName)}, {ValueExpression(parameter)});");
            }

            if (version.Body is { } body)
            {
                string value = !body.IsRequired && Transportable(body.Type).IsValueType ? "body.Value" : "body";
                string call = "request.JsonBody(" + value + ", " + TypeInfoExpression(Transportable(body.Type)) + ", " + Literal(version.ContentType!) + ");";
                if (body.IsRequired)
                {
                    writer.WriteLine(call);
                }
                else
                {
                    writer.WriteLine("if (body is not null)");
                    writer.OpenBrace();
                    writer.WriteLine(call);
                    writer.CloseBrace();
                }
            }

            writer.WriteLine(version.ResultKind switch
            {
                ResultKind.Json => "return _transport." + (MayBeNull(version) ? "SendOrDefaultAsync" : "SendAsync") + "(request, " + TypeInfoExpression(Transportable(version.Result!)) + ", options, cancellationToken);",
                ResultKind.Stream => "return _transport.SendForStreamAsync(request, options, cancellationToken);",
                _ => "return _transport.SendAsync(request, options, cancellationToken);",
            });
        }

        private static OperationMethod PagedMethod(List<OperationMethod> methods, PagingMethodModel paging) =>
            methods.First(m => m.Operation.MethodName == paging.OperationMethodName && m.Version.MethodSuffix.Length == 0);

        private string PagingSignature(PagingMethodModel paging, OperationMethod method) =>
            "global::System.Collections.Generic.IAsyncEnumerable<" + TypeName(paging.ItemType) + "> " + paging.Name + "Async("
            + string.Join(", ", SignatureParameters(method).Where(p => p.JsonName != paging.PageNumJsonName).Select(p => p.Declaration)) + ")";

        /// <summary>
        /// A default implementation on the interface, over the interface's own list method: a hand-written implementation
        /// of the interface (a fake) still compiles, and pages through its own answers. One line: the runtime walks the
        /// pages. The lambda's parameters shadow the page number the method does not take and the method's token, so each
        /// page is requested with the token the walk combined from it and the enumerator's.
        /// </summary>
        private void WritePagingMethod(SourceWriter writer, PagingMethodModel paging, OperationMethod method)
        {
            var parameters = SignatureParameters(method);
            string pageNum = parameters.First(p => p.JsonName == paging.PageNumJsonName).Name;
            string pageType = Global(paging.PageTypeName) + (MayBeNull(method.Version) ? "?" : string.Empty);
            string size = paging.ItemsPerPageDefault is { } fallback ? paging.ItemsPerPageName + " ?? " + fallback : paging.ItemsPerPageName;
            string useCount = paging.IncludeCountName is { } includeCount ? includeCount + " == true" : "false";
            writer.WriteLine();
            WritePagingDocs(writer, paging, method);
            WriteObsolete(writer, method);
            writer.WriteLine(PagingSignature(paging, method) + " =>");
            writer.WriteLine("    " + Paging + "AtlasPaging.EnumerateAsync<" + pageType + ", " + TypeName(paging.ItemType) + ">((" + pageNum + ", cancellationToken) => "
                + method.Name + "(" + string.Join(", ", parameters.Select(p => p.Name)) + "), " + size + ", " + useCount + ", cancellationToken);");
        }

        private void WritePagingDocs(SourceWriter writer, PagingMethodModel paging, OperationMethod method)
        {
            OperationModel operation = method.Operation;
            string what = operation.Summary is { } summary ? XmlDocFromMarkdown(Flatten(summary)) : XmlDoc(operation.MethodName);
            writer.WriteLine($"/// <summary>Every item of every page of <see cref=\"{method.Name}\"/> ({what}), requested page by page as the items are consumed.</summary>");
            writer.WriteLine("/// <remarks>");
            WriteDocParagraph(writer, "Requests page 1, then page N only when the consumer asks for an item past page N - 1 (an early break sends no further request). "
                + "Stops after a page that is empty, that has fewer items than itemsPerPage, or whose links have no 'next'"
                + (paging.IncludeCountName is null ? "." : "; with includeCount true, also once totalCount items were yielded."));
            WriteDocParagraph(writer, "A failed page request throws from the MoveNextAsync that needed it; the items of the pages before stay yielded.");
            writer.WriteLine($"/// <para>A default implementation over <see cref=\"{method.Name}\"/> of the same instance, so an implementation of this interface of your own (a fake) pages through its own answers.</para>");
            writer.WriteLine("/// </remarks>");
            foreach (ParameterModel parameter in operation.Parameters.Where(p => p.IsRequired && p.JsonName != paging.PageNumJsonName))
            {
                WriteParameterDoc(writer, parameter);
            }

            if (method.Version.Body is { } body)
            {
                writer.WriteLine($"/// <param name=\"body\">{XmlDocFromMarkdown(Flatten(body.Description ?? "The request body.")) + (body.IsRequired ? string.Empty : " Left out when null.")}</param>");
            }

            foreach (ParameterModel parameter in operation.Parameters.Where(p => !p.IsRequired && p.JsonName != paging.PageNumJsonName))
            {
                if (parameter.Name == paging.ItemsPerPageName)
                {
                    writer.WriteLine($"/// <param name=\"{parameter.Name.TrimStart('@')}\">Items per page; left out when null{(paging.ItemsPerPageDefault is { } size ? ", and the server's default (" + size + ") sizes the pages" : string.Empty)}.</param>");
                }
                else if (parameter.Name == paging.IncludeCountName)
                {
                    writer.WriteLine($"/// <param name=\"{parameter.Name.TrimStart('@')}\">Asks Atlas for totalCount; when true, the walk also stops once that many items were yielded (Atlas calls the count an estimate). Left out when null.</param>");
                }
                else
                {
                    WriteParameterDoc(writer, parameter);
                }
            }

            writer.WriteLine("/// <param name=\"options\">Per-call settings (envelope, pretty), for every page; null uses the client's.</param>");
            writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the walk, as does the token given to <c>GetAsyncEnumerator</c> (<c>WithCancellation</c>).</param>");
            writer.WriteLine("/// <returns>The items, lazily; nothing is sent before the first <c>MoveNextAsync</c>.</returns>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">An argument is missing, or does not match the spec's pattern, values or range; thrown by the first <c>MoveNextAsync</c> before anything is sent (a page size below 1 by the call itself).</exception>");
            writer.WriteLine($"/// <exception cref=\"{Runtime}AtlasApiException\">Atlas answered a page request with an error status, or with a body that cannot be read.</exception>");
        }

        private void WriteArgumentChecks(SourceWriter writer, ParameterModel parameter)
        {
            string name = parameter.Name;
            string nameOf = "nameof(" + name + ")";
            TypeRef type = parameter.Type;
            if (parameter.IsRequired && !type.IsValueType)
            {
                writer.WriteLine($"global::System.ArgumentNullException.ThrowIfNull({name});");
            }

            if (parameter.Pattern is { } pattern && type.Kind == TypeKind.String)
            {
                writer.WriteLine($"{Runtime}AtlasArguments.Matches({name}, {Literal(pattern)}, {nameOf});");
            }

            if (type.Kind == TypeKind.Enum)
            {
                string value = parameter.IsRequired ? name : name + ".Value";
                string check = Runtime + "AtlasArguments.Known(" + value + ".IsKnown, " + value + ".Value, " + Literal(KnownValues(type)) + ", " + nameOf + ");";
                WriteGuarded(writer, parameter.IsRequired ? null : name + ".HasValue", check);
            }

            if (type.Kind == TypeKind.Array && type.Item!.Kind == TypeKind.Enum)
            {
                writer.WriteLine($"foreach (var item in {name}{(parameter.IsRequired ? string.Empty : " ?? global::System.Array.Empty<" + TypeName(type.Item) + ">()")})");
                writer.OpenBrace();
                writer.WriteLine($"{Runtime}AtlasArguments.Known(item.IsKnown, item.Value, {Literal(KnownValues(type.Item))}, {nameOf});");
                writer.CloseBrace();
            }

            if ((parameter.Minimum is not null || parameter.Maximum is not null) && type.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single)
            {
                writer.WriteLine($"{Runtime}AtlasArguments.InRange({name}, {NumberLiteral(parameter.Minimum)}, {NumberLiteral(parameter.Maximum)}, {nameOf});");
            }
        }

        private static void WriteGuarded(SourceWriter writer, string? condition, string statement)
        {
            if (condition is null)
            {
                writer.WriteLine(statement);
                return;
            }

            writer.WriteLine($"if ({condition})");
            writer.OpenBrace();
            writer.WriteLine(statement);
            writer.CloseBrace();
        }

        private string KnownValues(TypeRef enumType) =>
            _enums.TryGetValue(enumType.Name!, out EnumModel? model) ? string.Join(", ", model.Members.Select(m => m.Value)) : string.Empty;

        private static string NumberLiteral(string? value) => value is null ? "null" : value + "D";

        private static string PathExpression(OperationModel operation)
        {
            var parts = new List<string>();
            string path = operation.Path.TrimStart('/');
            int position = 0;
            while (position < path.Length)
            {
                int open = path.IndexOf('{', position);
                int close = open < 0 ? -1 : path.IndexOf('}', open);
                if (open < 0 || close < 0)
                {
                    parts.Add(Literal(path.Substring(position)));
                    break;
                }

                if (open > position)
                {
                    parts.Add(Literal(path.Substring(position, open - position)));
                }

                string name = path.Substring(open + 1, close - open - 1);
                ParameterModel? parameter = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.JsonName == name);
                parts.Add(parameter is null
                    ? Literal(path.Substring(open, close - open + 1))
                    : Runtime + "AtlasArguments.PathSegment(" + PathValue(parameter) + ", nameof(" + parameter.Name + ")" + (IsPreEncoded(parameter) ? ", preEncoded: true" : string.Empty) + ")");
                position = close + 1;
            }

            return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
        }

        /// <summary>The spec asks for the value already percent-encoded (an access-list CIDR as <c>192.0.2.0%2F24</c>), so its escapes are kept.</summary>
        private static bool IsPreEncoded(ParameterModel parameter) =>
            parameter.Pattern is { } pattern && pattern.IndexOf("%2", StringComparison.Ordinal) >= 0;

        private static string PathValue(ParameterModel parameter) => parameter.Type.Kind switch
        {
            TypeKind.String => parameter.Name,
            TypeKind.Enum => parameter.Name + ".Value",
            _ => Runtime + "AtlasRequest.Format(" + parameter.Name + ")!",
        };

        /// <summary>A query or header value as text (or, for arrays, a sequence of texts); null leaves it out.</summary>
        private static string ValueExpression(ParameterModel parameter)
        {
            string name = parameter.Name;
            TypeRef type = parameter.Type;
            if (type.Kind == TypeKind.Array)
            {
                return (parameter.IsRequired ? string.Empty : name + " is null ? null : ")
                    + "global::System.Linq.Enumerable.Select(" + name + ", static item => " + ScalarText(type.Item!, "item", nullable: false) + ")";
            }

            return ScalarText(type, name, nullable: !parameter.IsRequired);
        }

        private static string ScalarText(TypeRef type, string value, bool nullable) => type.Kind switch
        {
            TypeKind.String => value,
            TypeKind.Enum => value + (nullable ? "?.Value" : ".Value"),
            _ => Runtime + "AtlasRequest.Format(" + value + ")" + (nullable ? string.Empty : "!"),
        };

        private static string HttpMethodExpression(string method) => method switch
        {
            "GET" => "global::System.Net.Http.HttpMethod.Get",
            "POST" => "global::System.Net.Http.HttpMethod.Post",
            "PUT" => "global::System.Net.Http.HttpMethod.Put",
            "PATCH" => "global::System.Net.Http.HttpMethod.Patch",
            "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
            "HEAD" => "global::System.Net.Http.HttpMethod.Head",
            "OPTIONS" => "global::System.Net.Http.HttpMethod.Options",
            _ => "new global::System.Net.Http.HttpMethod(" + Literal(method) + ")",
        };

        /// <summary>The type as a request or response carries it: kinds the runtime has no metadata for travel as raw JSON.</summary>
        private static TypeRef Transportable(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum or TypeKind.String or TypeKind.Boolean or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Json => type,
            TypeKind.Array => new TypeRef(TypeKind.Array, Item: Transportable(type.Item!)),
            _ => TypeRef.Json,
        };

        private string TypeInfoExpression(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum => Global("AtlasJson") + ".Default.GetTypeInfo<" + TypeName(type) + ">()",
            TypeKind.String => Runtime + "AtlasTypeInfo.String",
            TypeKind.Boolean => Runtime + "AtlasTypeInfo.Boolean",
            TypeKind.Int32 => Runtime + "AtlasTypeInfo.Int32",
            TypeKind.Int64 => Runtime + "AtlasTypeInfo.Int64",
            TypeKind.Double => Runtime + "AtlasTypeInfo.Double",
            TypeKind.Array => Runtime + "AtlasTypeInfo.ListOf(" + TypeInfoExpression(type.Item!) + ")",
            _ => Runtime + "AtlasTypeInfo.JsonElement",
        };

        private void WriteMethodDocs(SourceWriter writer, OperationMethod method)
        {
            OperationModel operation = method.Operation;
            OperationVersionModel version = method.Version;
            writer.WriteLine($"/// <summary>{(operation.Summary is { } summary ? XmlDocFromMarkdown(Flatten(summary)) : XmlDoc(operation.MethodName))}</summary>");
            writer.WriteLine("/// <remarks>");
            if (operation.Description is { } description)
            {
                WriteDocParagraph(writer, description, markdown: true);
            }

            string versionText = version.Version is null ? "the unversioned API" : "API version " + version.Version;
            WriteDocParagraph(writer, "Calls " + operation.HttpMethod + " " + operation.Path + " (" + operation.OperationId + ") at " + versionText + ", sending Accept: " + version.Accept + "."
                + (version.Sunset is null ? string.Empty : " This version is sunset on " + version.Sunset + "."));
            if (operation.RequiredRoles.Count > 0)
            {
                WriteDocParagraph(writer, "Required roles: " + string.Join(", ", operation.RequiredRoles) + ".");
            }

            if (operation.DocsUrl is { } url)
            {
                writer.WriteLine($"/// <para><see href=\"{XmlAttribute(url)}\">Documentation</see></para>");
            }

            writer.WriteLine("/// </remarks>");
            foreach (ParameterModel parameter in operation.Parameters.Where(p => p.IsRequired))
            {
                WriteParameterDoc(writer, parameter);
            }

            if (version.Body is { } body)
            {
                writer.WriteLine($"/// <param name=\"body\">{XmlDocFromMarkdown(Flatten(body.Description ?? "The request body.")) + (body.IsRequired ? string.Empty : " Left out when null.")}</param>");
            }

            foreach (ParameterModel parameter in operation.Parameters.Where(p => !p.IsRequired))
            {
                WriteParameterDoc(writer, parameter);
            }

            writer.WriteLine("/// <param name=\"options\">Per-call settings (envelope, pretty); null uses the client's.</param>");
            writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
            writer.WriteLine(version.ResultKind switch
            {
                ResultKind.Json => "/// <returns>The response body.</returns>",
                ResultKind.Stream => "/// <returns>The response body as a stream that reads from the network; dispose it to release the connection.</returns>",
                _ => "/// <returns>A task that completes when Atlas has answered with a success status.</returns>",
            });
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">An argument is missing, or does not match the spec's pattern, values or range; nothing was sent.</exception>");
            writer.WriteLine($"/// <exception cref=\"{Runtime}AtlasApiException\">Atlas answered with an error status, or with a body that cannot be read.</exception>");
        }

        private static void WriteParameterDoc(SourceWriter writer, ParameterModel parameter)
        {
            string described = parameter.Description is { } description
                ? XmlDocFromMarkdown(Flatten(description))
                : XmlDoc("The " + parameter.JsonName + " " + parameter.In.ToString().ToLowerInvariant() + " parameter.");
            string rules = string.Empty;
            if (parameter.Pattern is not null)
            {
                rules += " Must match " + parameter.Pattern + ".";
            }

            if (!parameter.IsRequired)
            {
                rules += parameter.DefaultValue is null ? " Left out when null." : " Left out when null; the server then uses " + parameter.DefaultValue + ".";
            }

            writer.WriteLine($"/// <param name=\"{parameter.Name.TrimStart('@')}\">{described}{XmlDoc(rules)}</param>");
        }

        /// <param name="markdown">The text is spec prose (CommonMark), rather than text of the generator's with spec names in it.</param>
        private static void WriteDocParagraph(SourceWriter writer, string text, bool markdown = false)
        {
            string[] lines = Lines(text).Select(line => markdown ? XmlDocFromMarkdown(line) : XmlDoc(line)).ToArray();
            if (lines.Length == 1)
            {
                writer.WriteLine(("/// <para>" + lines[0]).TrimEnd() + "</para>");
                return;
            }

            writer.WriteLine("/// <para>");
            foreach (string line in lines)
            {
                writer.WriteLine(("/// " + line).TrimEnd());
            }

            writer.WriteLine("/// </para>");
        }

        private static string Flatten(string text) => string.Join(" ", Lines(text).Select(l => l.Trim()).Where(l => l.Length > 0));

        /// <summary>One generated method: an operation at one version and media type.</summary>
        private readonly struct OperationMethod
        {
            public OperationMethod(OperationModel operation, OperationVersionModel version)
            {
                Operation = operation;
                Version = version;
            }

            public OperationModel Operation { get; }

            public OperationVersionModel Version { get; }

            public string Name => Operation.MethodName + Version.MethodSuffix + "Async";
        }
    }
}
