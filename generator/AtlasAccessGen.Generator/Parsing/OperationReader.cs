using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Model;
using NJsonSchema;
using NSwag;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Turns the spec's operations into <see cref="ClientModel"/>s: one client per tag, one method per
    /// operation, and per operation the versions this build can call.
    /// </summary>
    /// <remarks>
    /// An operation's versions are the dates in its <c>application/vnd.atlas.{date}+{format}</c> media types
    /// (see "How versions are expressed" in shared/spec/README.md). Like upstream's per-date specs, a pin to
    /// date D selects each operation's newest version on or before D; older versions stay callable through a
    /// sub-client per date. Only the schemas of the versions kept are resolved, so nothing else is generated.
    /// </remarks>
    internal sealed class OperationReader
    {
        private const string Preview = "preview";
        private static readonly Regex VersionedMediaType = new Regex(@"^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+([A-Za-z0-9]+)$", RegexOptions.CultureInvariant);
        private static readonly string[] TransportParameters = { "envelope", "pretty" };

        private readonly OpenApiDocument _document;
        private readonly SpecInput _input;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly SchemaReader _schemas;
        private readonly Dictionary<string, string> _sunsets;

        /// <summary>Each parameter pattern checked so far, with the reason it is invalid (null: valid).</summary>
        private readonly Dictionary<string, string?> _patternErrors = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>The root client's members: one property per tag, beside the members it always has.</summary>
        private readonly NameScope _clientProperties = new NameScope(GeneratedNames.ClientProperties);

        public OperationReader(OpenApiDocument document, SpecInput input, List<DiagnosticInfo> diagnostics, SchemaReader schemas, Dictionary<string, string> sunsets)
        {
            _sunsets = sunsets;
            _document = document;
            _input = input;
            _diagnostics = diagnostics;
            _schemas = schemas;
        }

        /// <summary>Reads every selected operation; null when pinned to <c>preview</c> and the spec has no preview version.</summary>
        public ImmutableEquatableArray<ClientModel>? Read()
        {
            List<SpecOperation> all = AllOperations().ToList();
            if (!CheckPin(all))
            {
                return null;
            }

            ReportUnmatchedFilters(all);
            var byTag = new Dictionary<string, List<OperationModel>>(StringComparer.Ordinal);
            var tagOrder = new List<string>();
            foreach (SpecOperation operation in all.Where(IsSelected))
            {
                if (Unsupported(operation) is { } reason)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OperationNotGenerated, operation.Pointer, _input.FileName, operation.Name, reason));
                    continue;
                }

                if (ReadOperation(operation) is not { } model)
                {
                    continue;
                }

                // Filtered by tag, an operation goes to the client of the tag that selected it.
                List<string> tags = operation.Operation.Tags ?? new List<string>();
                string tag = tags.FirstOrDefault(t => _input.Tags.Count == 0 || _input.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)) is { Length: > 0 } t ? t : "Default";
                if (!byTag.TryGetValue(tag, out List<OperationModel>? list))
                {
                    byTag[tag] = list = new List<OperationModel>();
                    tagOrder.Add(tag);
                }

                list.Add(model);
            }

            return tagOrder
                .OrderBy(tag => tag, StringComparer.Ordinal)
                .Select(tag => BuildClient(tag, byTag[tag]))
                .ToImmutableEquatableArray();
        }

        private IEnumerable<SpecOperation> AllOperations()
        {
            foreach (KeyValuePair<string, OpenApiPathItem> path in _document.Paths)
            {
                foreach (KeyValuePair<string, OpenApiOperation> entry in path.Value)
                {
                    string pointer = "/paths/" + SpecTextMap.Escape(path.Key) + "/" + entry.Key;
                    yield return new SpecOperation(path.Key, entry.Key, entry.Value, SchemaReader.OperationName(entry.Value, entry.Key, path.Key), pointer, ReadVariants(entry.Value));
                }
            }
        }

        private bool IsSelected(SpecOperation operation) => SchemaReader.IsSelected(_input, operation.Operation, operation.Name);

        /// <summary>Every (version, format) an operation's success responses and request body name, with the media type keys.</summary>
        private static List<MediaVariant> ReadVariants(OpenApiOperation operation)
        {
            var variants = new List<MediaVariant>();
            foreach (KeyValuePair<string, OpenApiResponse> response in operation.ActualResponses.Where(r => r.Key.StartsWith("2", StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                foreach (KeyValuePair<string, OpenApiMediaType> media in response.Value.ActualResponse.Content)
                {
                    if (ParseMediaType(media.Key) is { } parsed && !variants.Any(v => v.Version == parsed.Version && v.Format == parsed.Format && !v.IsBody))
                    {
                        variants.Add(new MediaVariant(parsed.Version, parsed.Format, media.Key, media.Value, response.Key, IsBody: false));
                    }
                }
            }

            foreach (KeyValuePair<string, OpenApiMediaType> media in operation.ActualRequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (ParseMediaType(media.Key) is { } parsed)
                {
                    variants.Add(new MediaVariant(parsed.Version, parsed.Format, media.Key, media.Value, null, IsBody: true));
                }
            }

            return variants;
        }

        /// <summary>A versioned Atlas media type, or plain JSON (version null); anything else is not an Atlas variant.</summary>
        private static (string? Version, string Format)? ParseMediaType(string mediaType)
        {
            Match match = VersionedMediaType.Match(mediaType);
            if (match.Success)
            {
                return (match.Groups[1].Value, match.Groups[2].Value.ToLowerInvariant());
            }

            return mediaType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) ? (null, "json") : null;
        }

        /// <summary>
        /// A pin is a date or <c>preview</c> (Input/ already refused anything else). Any date is valid, declared or not: like
        /// upstream's per-date specs, each operation then calls its newest version on or before it (<see cref="SelectVersion"/>).
        /// Only <c>preview</c> can name nothing, when the spec has no preview version at all.
        /// </summary>
        private bool CheckPin(List<SpecOperation> all)
        {
            if (_input.ApiVersion != Preview)
            {
                return true;
            }

            var versions = all.SelectMany(o => o.Variants).Select(v => v.Version).Where(v => v is not null).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (versions.Contains(Preview))
            {
                return true;
            }

            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownApiVersion, null, _input.FileName, Preview, versions.Count == 0 ? "(none: the spec has no versioned media types)" : string.Join(", ", versions)) with { Anchor = _input.Origin.For("ApiVersion") });
            return false;
        }

        private void ReportUnmatchedFilters(List<SpecOperation> all)
        {
            var tags = new HashSet<string>(all.SelectMany(o => o.Operation.Tags ?? new List<string>()), StringComparer.OrdinalIgnoreCase);
            foreach (string tag in _input.Tags.Where(t => !tags.Contains(t)))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FilterMatchesNothing, null, _input.FileName, "Tags", tag, Examples(tags.OrderBy(t => t, StringComparer.Ordinal))) with { Anchor = _input.Origin.For("Tags") });
            }

            foreach (string name in _input.Operations.Where(n => !all.Any(o => string.Equals(o.Name, n, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Operation.OperationId, n, StringComparison.OrdinalIgnoreCase))))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FilterMatchesNothing, null, _input.FileName, "Operations", name, Examples(all.Select(o => o.Name))) with { Anchor = _input.Origin.For("Operations") });
            }
        }

        private static string Examples(IEnumerable<string> names)
        {
            var list = names.Take(6).Select(n => "'" + n + "'").ToList();
            return list.Count == 0 ? "(the spec has none)" : string.Join(", ", list);
        }

        /// <summary>
        /// Error bodies (ApiError) get models too, so a caller can read <c>AtlasApiException.RawBody</c> typed; only for the
        /// operations generated, like every other schema.
        /// </summary>
        private void ResolveErrorSchemas(SpecOperation operation, string typeHint)
        {
            foreach (KeyValuePair<string, OpenApiResponse> response in operation.Operation.ActualResponses.Where(r => !r.Key.StartsWith("2", StringComparison.Ordinal)))
            {
                foreach (KeyValuePair<string, OpenApiMediaType> media in response.Value.ActualResponse.Content)
                {
                    if (media.Value.Schema is { } schema)
                    {
                        _schemas.ResolveType(schema, typeHint + "Error" + response.Key, operation.Pointer + "/responses/" + response.Key + "/content/" + SpecTextMap.Escape(media.Key) + "/schema");
                    }
                }
            }
        }

        /// <summary>Why an operation cannot be generated faithfully, or null: it is left out rather than sent wrong.</summary>
        private static string? Unsupported(SpecOperation operation)
        {
            OpenApiRequestBody? body = operation.Operation.ActualRequestBody;
            if (body is not null && body.Content.Count > 0 && !operation.Variants.Any(v => v.IsBody))
            {
                return "its request body has only media types the client cannot send (" + string.Join(", ", body.Content.Keys) + ")";
            }

            var successTypes = operation.Operation.ActualResponses
                .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
                .SelectMany(r => r.Value.ActualResponse.Content.Keys)
                .ToList();
            if (successTypes.Count > 0 && !operation.Variants.Any(v => !v.IsBody))
            {
                return "its success responses have only media types the client cannot read (" + string.Join(", ", successTypes.Distinct()) + ")";
            }

            return null;
        }

        private OperationModel? ReadOperation(SpecOperation operation)
        {
            List<string?> versions = operation.Variants.Select(v => v.Version).Distinct().ToList();
            List<string> dates = versions.Where(v => v is not null && v != Preview).Select(v => v!).OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (!SelectVersion(operation, versions, dates, out string? selected))
            {
                return null;
            }

            if (IncompleteParameter(operation) is { } incomplete)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidParameter, incomplete.Pointer, _input.FileName, incomplete.Pointer, incomplete.Field, operation.Name));
                return null;
            }

            ImmutableEquatableArray<ParameterModel> parameters = ReadParameters(operation);
            if (parameters.FirstOrDefault(p => !CanCarry(p)) is { } unsendable)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.OperationNotGenerated,
                    operation.Pointer,
                    _input.FileName,
                    operation.Name,
                    "the " + unsendable.In.ToString().ToLowerInvariant() + " parameter '" + unsendable.JsonName + "' has a type a URL or header cannot carry (" + unsendable.Type.Kind.ToString().ToLowerInvariant() + ")"));
                return null;
            }

            List<string> older = dates.Where(d => selected == Preview || string.CompareOrdinal(d, selected) < 0).ToList();
            bool severalVersions = older.Count > 0;
            string typeHint = Naming.ToPascalCase(operation.Name);
            var variants = new List<OperationVersionModel>();
            variants.AddRange(ReadVersion(operation, selected, isDefault: true, dates, severalVersions ? typeHint + VersionSuffix(selected) : typeHint));
            foreach (string date in older)
            {
                variants.AddRange(ReadVersion(operation, date, isDefault: false, dates, typeHint + VersionSuffix(date)));
            }

            ResolveErrorSchemas(operation, typeHint);
            OpenApiOperation op = operation.Operation;
            return new OperationModel(
                Naming.ToPascalCase(operation.Name),
                op.OperationId ?? operation.Name,
                operation.Method.ToUpperInvariant(),
                operation.Path,
                operation.Pointer,
                Clean(op.Summary),
                Clean(op.Description),
                SchemaReader.Extension(op.ExtensionData, "x-xgen-docs-url"),
                Roles(op),
                op.IsDeprecated ? "The spec marks " + (op.OperationId ?? operation.Name) + " deprecated." : null,
                parameters,
                variants.ToImmutableEquatableArray());
        }

        private bool SelectVersion(SpecOperation operation, List<string?> versions, List<string> dates, out string? selected)
        {
            string? pin = _input.ApiVersion;
            selected = null;
            string? problem = null;
            string? fix = null;
            if (pin == Preview)
            {
                selected = versions.Contains(Preview) ? Preview : dates.LastOrDefault();
            }
            else if (pin is null)
            {
                selected = dates.LastOrDefault();
                if (selected is null && versions.Contains(Preview))
                {
                    problem = "it has only a preview version, which is generated only when pinned to 'preview'";
                    fix = "pin ApiVersion=\"preview\"";
                }
            }
            else
            {
                selected = dates.LastOrDefault(d => string.CompareOrdinal(d, pin) <= 0);
                if (selected is null && dates.Count == 0 && versions.Contains(Preview))
                {
                    problem = "it has only a preview version, which is generated only when pinned to 'preview'";
                    fix = "pin ApiVersion=\"preview\"";
                }
                else if (selected is null && versions.Any(v => v is not null))
                {
                    problem = "it has no version on or before " + pin + " (its versions: " + string.Join(", ", versions.Where(v => v is not null)) + ")";
                    fix = "pin a later version";
                }
            }

            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OperationLeftOut, operation.Pointer, _input.FileName, operation.Name, problem, fix!));
                return false;
            }

            // Operations with no Atlas media type at all (the legacy application/json form) have no version to select.
            return true;
        }

        private IEnumerable<OperationVersionModel> ReadVersion(SpecOperation operation, string? version, bool isDefault, List<string> dates, string typeHint)
        {
            List<MediaVariant> responses = operation.Variants.Where(v => !v.IsBody && v.Version == version).ToList();

            // The body of this version, else the newest older one, else the unversioned one; never a newer one.
            MediaVariant? body = operation.Variants.Where(v => v.IsBody && v.Version == version).OrderBy(v => v.Format == "json" ? 0 : 1).FirstOrDefault()
                ?? operation.Variants.Where(v => v.IsBody && IsOnOrBefore(v.Version, version)).OrderByDescending(v => v.Version, StringComparer.Ordinal).FirstOrDefault()
                ?? operation.Variants.FirstOrDefault(v => v.IsBody && (v.Version is null || version is null));
            BodyModel? bodyModel = body?.Media?.Schema is { } bodySchema
                ? new BodyModel(_schemas.ResolveType(bodySchema, typeHint + "Request", body!.Pointer(operation.Pointer)), operation.Operation.ActualRequestBody!.IsRequired, Clean(operation.Operation.ActualRequestBody.Description))
                : null;
            string? contentType = body is null ? null : version is null ? body.MediaType : "application/vnd.atlas." + version + "+json";
            string? newer = dates.Count > 0 && version != Preview && (version is null || string.CompareOrdinal(dates[dates.Count - 1], version) > 0) ? dates[dates.Count - 1] : null;

            if (responses.Count == 0)
            {
                // A version only the request body names: it answers with the newest response on or before it.
                string accept = version is null ? "application/json" : "application/vnd.atlas." + version + "+json";
                MediaVariant? fallback = operation.Variants
                    .Where(v => !v.IsBody && v.Format == "json" && IsOnOrBefore(v.Version, version))
                    .OrderByDescending(v => v.Version ?? string.Empty, StringComparer.Ordinal)
                    .FirstOrDefault();
                responses.Add(new MediaVariant(version, "json", accept, fallback?.Media, fallback?.StatusCode, IsBody: false, fallback?.MediaType));
            }

            bool hasJson = responses.Any(r => r.Format == "json");
            foreach (MediaVariant response in responses.OrderBy(r => r.Format == "json" ? 0 : 1).ThenBy(r => r.Format, StringComparer.Ordinal))
            {
                bool isJson = response.Format == "json";
                TypeRef? result = isJson && response.Media?.Schema is { } schema
                    ? _schemas.ResolveType(schema, typeHint + "Response", response.Pointer(operation.Pointer))
                    : null;
                string? sunset = _sunsets.TryGetValue(response.MediaPointer(operation.Pointer), out string? date) ? date : null;
                yield return new OperationVersionModel(
                    version,
                    isDefault,
                    isJson || !hasJson ? string.Empty : Naming.ToPascalCase(response.Format),
                    response.MediaType,
                    contentType,
                    bodyModel,
                    isJson ? (result is null ? ResultKind.None : ResultKind.Json) : ResultKind.Stream,
                    result,
                    result is not null && operation.HasEmptySuccess,
                    sunset,
                    sunset is not null && newer is not null
                        ? (operation.Operation.OperationId ?? operation.Name) + " version " + version + " is sunset on " + sunset + "; newer version: " + newer
                            + (_input.ApiVersion is { } pin && string.CompareOrdinal(newer, pin) > 0 ? " (raise the pinned ApiVersion to use it)." : ".")
                        : null);
            }
        }

        /// <summary>The first parameter without a name or a location ('in'), which the client could not send; null when all have both.</summary>
        private (string Pointer, string Field)? IncompleteParameter(SpecOperation operation)
        {
            foreach (OpenApiParameter parameter in operation.Operation.ActualParameters)
            {
                string? field = string.IsNullOrEmpty(parameter.Name) ? "name" : parameter.Kind == OpenApiParameterKind.Undefined ? "in" : null;
                if (field is not null)
                {
                    return (ParameterPointer(operation, parameter), field);
                }
            }

            return null;
        }

        /// <summary>Where a parameter is listed: on the operation, or on its path (NSwag merges both into ActualParameters).</summary>
        private string ParameterPointer(SpecOperation operation, OpenApiParameter parameter)
        {
            int index = IndexOf(operation.Operation.Parameters, parameter);
            if (index >= 0)
            {
                return operation.Pointer + "/parameters/" + index.ToString(CultureInfo.InvariantCulture);
            }

            index = _document.Paths.TryGetValue(operation.Path, out OpenApiPathItem? item) ? IndexOf(item.Parameters, parameter) : -1;
            return "/paths/" + SpecTextMap.Escape(operation.Path) + (index >= 0 ? "/parameters/" + index.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        private static int IndexOf(IEnumerable<OpenApiParameter>? parameters, OpenApiParameter parameter)
        {
            int index = 0;
            foreach (OpenApiParameter candidate in parameters ?? Enumerable.Empty<OpenApiParameter>())
            {
                if (ReferenceEquals(candidate, parameter) || ReferenceEquals(candidate.ActualParameter, parameter))
                {
                    return index;
                }

                index++;
            }

            return -1;
        }

        /// <remarks>Inline parameter enums are named after the parameter, so one that many operations share is one type.</remarks>
        private ImmutableEquatableArray<ParameterModel> ReadParameters(SpecOperation operation)
        {
            var names = new NameScope(GeneratedNames.Parameters);
            var parameters = new List<(ParameterModel Model, int Order)>();
            int index = 0;
            foreach (OpenApiParameter parameter in operation.Operation.ActualParameters)
            {
                index++;
                ParameterLocation? location = parameter.Kind switch
                {
                    OpenApiParameterKind.Path => ParameterLocation.Path,
                    OpenApiParameterKind.Query => ParameterLocation.Query,
                    OpenApiParameterKind.Header => ParameterLocation.Header,
                    _ => null,
                };
                if (location is null || (location == ParameterLocation.Query && TransportParameters.Contains(parameter.Name, StringComparer.Ordinal)))
                {
                    continue;
                }

                JsonSchema schema = parameter.Schema ?? parameter;
                JsonSchema actual = schema.ActualSchema;
                bool required = location == ParameterLocation.Path || parameter.IsRequired;
                string pointer = operation.Pointer + "/parameters/" + (index - 1).ToString(CultureInfo.InvariantCulture);
                var model = new ParameterModel(
                    parameter.Name,
                    names.Claim(Naming.ToParameterName(parameter.Name)),
                    location.Value,
                    _schemas.ResolveParameterType(schema, Naming.ToPascalCase(parameter.Name), pointer + "/schema"),
                    required,
                    Clean(parameter.Description ?? actual.Description),
                    CheckedPattern(actual.Pattern, parameter.Name, pointer + "/schema/pattern"),
                    actual.Minimum?.ToString(CultureInfo.InvariantCulture),
                    actual.Maximum?.ToString(CultureInfo.InvariantCulture),
                    actual.Default is bool flag ? (flag ? "true" : "false") : Convert.ToString(actual.Default, CultureInfo.InvariantCulture));

                // Path parameters in template order, then required query, then optional query, then headers.
                int order = location switch
                {
                    ParameterLocation.Path => operation.Path.IndexOf("{" + parameter.Name + "}", StringComparison.Ordinal),
                    ParameterLocation.Query => required ? 100_000 : 200_000,
                    _ => 300_000,
                };
                parameters.Add((model, order));
            }

            return parameters.OrderBy(p => p.Order).Select(p => p.Model).ToImmutableEquatableArray();
        }

        private ClientModel BuildClient(string tag, List<OperationModel> operations)
        {
            string baseName = Naming.ToPascalCase(tag);
            string typeName = _schemas.ClaimClassAndInterface(baseName + "Client");
            string propertyName = _clientProperties.Claim(baseName);
            var methods = new NameScope();
            var named = operations.Select(o => o with { MethodName = methods.Claim(o.MethodName) }).ToList();

            // Variants told apart by format (GetInvoice + GetInvoiceCsv) claim their names after every operation has its own.
            for (int i = 0; i < named.Count; i++)
            {
                OperationModel operation = named[i];
                var suffixes = operation.Versions.Select(v => v.MethodSuffix).Where(s => s.Length > 0).Distinct().ToDictionary(s => s, s => methods.Claim(operation.MethodName + s).Substring(operation.MethodName.Length));
                if (suffixes.Count > 0)
                {
                    named[i] = operation with { Versions = operation.Versions.Select(v => v.MethodSuffix.Length == 0 ? v : v with { MethodSuffix = suffixes[v.MethodSuffix] }).ToImmutableEquatableArray() };
                }
            }

            var olderVersions = named
                .SelectMany(o => o.Versions)
                .Where(v => !v.IsDefault && v.Version is not null)
                .Select(v => v.Version!)
                .Distinct()
                .OrderBy(v => v, StringComparer.Ordinal)
                .Select(v => new VersionedClientModel(v, "V" + v.Replace('-', '_'), _schemas.ClaimClassAndInterface(typeName + VersionSuffix(v))))
                .ToList();

            string? description = _document.Tags?.FirstOrDefault(t => t.Name == tag)?.Description;
            return new ClientModel(tag, propertyName, typeName, Clean(description), named.ToImmutableEquatableArray(), olderVersions.ToImmutableEquatableArray(), ImmutableEquatableArray<PagingMethodModel>.Empty);
        }

        /// <summary>Scalars and enums go anywhere; arrays of them in a query or header; objects and raw JSON nowhere.</summary>
        private static bool CanCarry(ParameterModel parameter)
        {
            static bool IsScalar(TypeRef type) => type.Kind is TypeKind.String or TypeKind.Enum or TypeKind.Int32 or TypeKind.Int64
                or TypeKind.Double or TypeKind.Single or TypeKind.Boolean or TypeKind.Guid or TypeKind.DateTimeOffset;

            return IsScalar(parameter.Type) || (parameter.In != ParameterLocation.Path && parameter.Type.Kind == TypeKind.Array && IsScalar(parameter.Type.Item!));
        }

        private string? CheckedPattern(string? pattern, string parameterName, string pointer)
        {
            if (string.IsNullOrEmpty(pattern))
            {
                return null;
            }

            // Most operations share a handful of patterns (every groupId has the same one): compile each once.
            if (!_patternErrors.TryGetValue(pattern!, out string? error))
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant);
                }
                catch (ArgumentException e)
                {
                    error = e.Message;
                }

                _patternErrors[pattern!] = error;
            }

            if (error is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPattern, pointer, _input.FileName, parameterName, pointer, error));
                return null;
            }

            return pattern;
        }

        /// <summary>Whether a variant's version applies to a method of <paramref name="version"/>: unversioned, or a date not after it.</summary>
        private static bool IsOnOrBefore(string? variantVersion, string? version) =>
            variantVersion is null
            || (variantVersion != Preview && (version is null || version == Preview || string.CompareOrdinal(variantVersion, version) <= 0));

        private static string VersionSuffix(string? version) =>
            version is null ? string.Empty : version == Preview ? "Preview" : "V" + version.Replace("-", string.Empty);

        private static ImmutableEquatableArray<string> Roles(OpenApiOperation operation)
        {
            if (operation.ExtensionData is null || !operation.ExtensionData.TryGetValue("x-rolesRequirements", out object? value) || value is null)
            {
                return ImmutableEquatableArray<string>.Empty;
            }

            IEnumerable<object?> items = value is string single ? new object?[] { single } : value is IEnumerable many ? many.Cast<object?>() : new[] { value };
            return items
                .Select(item => Convert.ToString(item, CultureInfo.InvariantCulture))
                .Where(item => !string.IsNullOrWhiteSpace(item))
                .Select(item => item!.Trim())
                .ToImmutableEquatableArray();
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

        private sealed record SpecOperation(string Path, string Method, OpenApiOperation Operation, string Name, string Pointer, List<MediaVariant> Variants)
        {
            /// <summary>One success status carries a body and another none (200 and 204): the result may then be empty.</summary>
            public bool HasEmptySuccess { get; } = Operation.ActualResponses
                .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
                .Select(r => r.Value.ActualResponse.Content.Values.Any(m => m.Schema is not null))
                .Distinct()
                .Count() > 1;
        }

        /// <param name="SchemaMediaType">The media type whose schema this variant uses, when it borrows another's.</param>
        private sealed record MediaVariant(string? Version, string Format, string MediaType, OpenApiMediaType? Media, string? StatusCode, bool IsBody, string? SchemaMediaType = null)
        {
            public string MediaPointer(string operationPointer) =>
                operationPointer + (IsBody ? "/requestBody" : "/responses/" + StatusCode) + "/content/" + SpecTextMap.Escape(SchemaMediaType ?? MediaType);

            public string Pointer(string operationPointer) => MediaPointer(operationPointer) + "/schema";
        }
    }
}
