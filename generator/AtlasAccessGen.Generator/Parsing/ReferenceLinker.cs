using System;
using System.Collections.Generic;
using NJsonSchema;
using NJsonSchema.References;
using NSwag;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Links every <c>$ref</c> of a freshly deserialized document to the component it names, in place of
    /// NJsonSchema's reference pass: that pass walks the whole object graph twice by reflection, building a path
    /// string for every node, and is a third of a cold parse of the whole Atlas API (#16). This walk knows the
    /// OpenAPI 3 layout instead. It takes only the plain case: every reference is <c>#/components/{kind}/{name}</c>
    /// to an existing component of the referrer's kind, no component is itself a reference, and the walk finds as
    /// many references as the text holds <c>$ref</c> keys. Anything else is left untouched for NSwag to resolve.
    /// </summary>
    internal sealed class ReferenceLinker
    {
        private const string ComponentsPrefix = "#/components/";

        private readonly OpenApiComponents _components;
        private readonly List<(IJsonReference Referrer, IJsonReference Target)> _links = new List<(IJsonReference, IJsonReference)>();
        private readonly HashSet<object> _visited = new HashSet<object>(IdentityComparer.Instance);
        private int _refKeys;
        private bool _unsupported;

        private ReferenceLinker(OpenApiComponents components) => _components = components;

        /// <summary>Links all references and returns true, or changes nothing and returns false.</summary>
        /// <param name="refKeysInText">How many <c>$ref</c> keys the text holds (<see cref="SpecStructure.References"/>).</param>
        public static bool TryLink(OpenApiDocument document, int refKeysInText)
        {
            if (document.Components is null)
            {
                return false;
            }

            var linker = new ReferenceLinker(document.Components);
            if (!linker.LinkDocument(document) || linker._refKeys != refKeysInText)
            {
                return false;
            }

            foreach ((IJsonReference referrer, IJsonReference target) in linker._links)
            {
                referrer.Reference = target;
            }

            return true;
        }

        private bool LinkDocument(OpenApiDocument document)
        {
            // NJsonSchema replaces a component that is only a $ref with its target (and drops its siblings); not worth copying.
            if (!(NoneIsReference(_components.Schemas) && NoneIsReference(_components.Parameters) && NoneIsReference(_components.Headers)
                && NoneIsReference(_components.Responses) && NoneIsReference(_components.RequestBodies) && NoneIsReference(_components.Examples)
                && NoneIsReference(_components.Links) && NoneIsReference(_components.Callbacks)))
            {
                return false;
            }

            foreach (JsonSchema schema in ValuesOf(_components.Schemas))
            {
                Schema(schema);
            }

            foreach (OpenApiParameter parameter in ValuesOf(_components.Parameters))
            {
                Parameter(parameter);
            }

            foreach (OpenApiParameter header in ValuesOf(_components.Headers))
            {
                Parameter(header);
            }

            foreach (OpenApiResponse response in ValuesOf(_components.Responses))
            {
                Response(response);
            }

            foreach (OpenApiRequestBody body in ValuesOf(_components.RequestBodies))
            {
                RequestBody(body);
            }

            foreach (OpenApiExample example in ValuesOf(_components.Examples))
            {
                Leaf(example, "examples");
            }

            foreach (OpenApiLink link in ValuesOf(_components.Links))
            {
                Leaf(link, "links");
            }

            foreach (OpenApiCallback callback in ValuesOf(_components.Callbacks))
            {
                Callback(callback);
            }

            foreach (OpenApiPathItem item in ValuesOf(document.Paths))
            {
                PathItem(item);
            }

            return !_unsupported;
        }

        private static bool NoneIsReference<T>(IDictionary<string, T>? components)
            where T : IJsonReference
        {
            foreach (T component in ValuesOf(components))
            {
                if (component?.ReferencePath is not null)
                {
                    return false;
                }
            }

            return true;
        }

        private void PathItem(OpenApiPathItem? item)
        {
            if (item is null || !_visited.Add(item))
            {
                return;
            }

            if (((IJsonReferenceBase)item).ReferencePath is not null)
            {
                _unsupported = true;
                return;
            }

            foreach (OpenApiParameter parameter in ItemsOf(item.Parameters))
            {
                Parameter(parameter);
            }

            foreach (OpenApiOperation operation in item.Values)
            {
                if (operation is null)
                {
                    continue;
                }

                foreach (OpenApiParameter parameter in ItemsOf(operation.Parameters))
                {
                    Parameter(parameter);
                }

                RequestBody(operation.RequestBody);
                foreach (OpenApiResponse response in ValuesOf(operation.Responses))
                {
                    Response(response);
                }

                foreach (OpenApiCallback callback in ValuesOf(operation.Callbacks))
                {
                    Callback(callback);
                }
            }
        }

        private void Callback(OpenApiCallback? callback)
        {
            if (callback is not null && _visited.Add(callback) && !Reference(callback, "callbacks"))
            {
                foreach (OpenApiPathItem item in callback.Values)
                {
                    PathItem(item);
                }
            }
        }

        private void RequestBody(OpenApiRequestBody? body)
        {
            if (body is not null && _visited.Add(body) && !Reference(body, "requestBodies"))
            {
                Content(body.Content);
            }
        }

        private void Response(OpenApiResponse? response)
        {
            if (response is null || !_visited.Add(response) || Reference(response, "responses"))
            {
                return;
            }

            foreach (OpenApiHeader header in ValuesOf(response.Headers))
            {
                Parameter(header);
            }

            Content(response.Content);
            foreach (OpenApiLink link in ValuesOf(response.Links))
            {
                Leaf(link, "links");
            }

            Schema(response.Schema);
            foreach (JsonExpectedSchema expected in ItemsOf(response.ExpectedSchemas))
            {
                Schema(expected?.Schema);
            }
        }

        private void Content(IDictionary<string, OpenApiMediaType>? content)
        {
            foreach (OpenApiMediaType media in ValuesOf(content))
            {
                if (media is null)
                {
                    continue;
                }

                Schema(media.Schema);
                foreach (OpenApiExample example in ValuesOf(media.Examples))
                {
                    Leaf(example, "examples");
                }

                foreach (OpenApiEncoding encoding in ValuesOf(media.Encoding))
                {
                    foreach (OpenApiHeader header in ValuesOf(encoding?.Headers))
                    {
                        Parameter(header);
                    }
                }
            }
        }

        private void Parameter(OpenApiParameter? parameter)
        {
            if (parameter is null || !_visited.Add(parameter))
            {
                return;
            }

            // A parameter is a schema too (its Swagger 2 form); its reference names a parameter or a header.
            if (((IJsonReferenceBase)parameter).ReferencePath is not null)
            {
                Reference(parameter, parameter is OpenApiHeader ? "headers" : "parameters");
                return;
            }

            SchemaChildren(parameter);
            Schema(parameter.Schema);
            Schema(parameter.CustomSchema);
            foreach (OpenApiExample example in ValuesOf(parameter.Examples))
            {
                Leaf(example, "examples");
            }
        }

        private void Schema(JsonSchema? schema)
        {
            // NSwag's model offers some objects twice (a response's Schema is its JSON content's), so each is taken once.
            if (schema is not null && _visited.Add(schema) && !Reference(schema, "schemas"))
            {
                SchemaChildren(schema);
            }
        }

        private void SchemaChildren(JsonSchema schema)
        {
            Schema(schema.AdditionalItemsSchema);
            Schema(schema.AdditionalPropertiesSchema);
            Schema(schema.Item);
            Schema(schema.Not);
            Schema(schema.DictionaryKey);
            foreach (JsonSchema child in schema.Items)
            {
                Schema(child);
            }

            foreach (JsonSchema child in schema.AllOf)
            {
                Schema(child);
            }

            foreach (JsonSchema child in schema.AnyOf)
            {
                Schema(child);
            }

            foreach (JsonSchema child in schema.OneOf)
            {
                Schema(child);
            }

            foreach (JsonSchemaProperty property in schema.Properties.Values)
            {
                Schema(property);
            }

            foreach (JsonSchemaProperty property in schema.PatternProperties.Values)
            {
                Schema(property);
            }

            if (schema.Definitions.Count > 0)
            {
                // NJsonSchema inlines a definition that is only a $ref; not worth copying.
                _unsupported = true;
            }

            if (schema.DiscriminatorObject?.Mapping is { Count: > 0 } mapping)
            {
                foreach (JsonSchema target in mapping.Values)
                {
                    // Mapping values are references written as plain strings: not among the text's $ref keys.
                    if (target is not null && ((IJsonReferenceBase)target).ReferencePath is not null)
                    {
                        Reference(target, "schemas", isRefKey: false);
                    }
                }
            }
        }

        /// <summary>An example or a link: nothing inside them refers.</summary>
        private void Leaf(IJsonReference? referrer, string kind)
        {
            if (referrer is not null && _visited.Add(referrer))
            {
                Reference(referrer, kind);
            }
        }

        /// <summary>Notes the link of a referrer; false when <paramref name="referrer"/> is not a reference (its content is walked then).</summary>
        private bool Reference(IJsonReference? referrer, string kind, bool isRefKey = true)
        {
            if (referrer?.ReferencePath is not { } path)
            {
                return false;
            }

            _refKeys += isRefKey ? 1 : 0;
            if (FindComponent(path, kind) is { } target)
            {
                _links.Add((referrer, target));
            }
            else
            {
                _unsupported = true;
            }

            return true;
        }

        private IJsonReference? FindComponent(string path, string kind)
        {
            int nameStart = ComponentsPrefix.Length + kind.Length + 1;
            if (path.Length <= nameStart
                || !path.StartsWith(ComponentsPrefix, StringComparison.Ordinal)
                || string.CompareOrdinal(path, ComponentsPrefix.Length, kind, 0, kind.Length) != 0
                || path[nameStart - 1] != '/'
                || path.IndexOfAny(EscapedOrNested, nameStart) >= 0)
            {
                return null;
            }

            string name = path.Substring(nameStart);
            return kind switch
            {
                "schemas" => Find(_components.Schemas, name),
                "parameters" => Find(_components.Parameters, name),
                "headers" => Find(_components.Headers, name),
                "responses" => Find(_components.Responses, name),
                "requestBodies" => Find(_components.RequestBodies, name),
                "examples" => Find(_components.Examples, name),
                "links" => Find(_components.Links, name),
                "callbacks" => Find(_components.Callbacks, name),
                _ => null,
            };
        }

        private static IEnumerable<T> ValuesOf<T>(IDictionary<string, T>? dictionary) => dictionary?.Values ?? (IEnumerable<T>)Array.Empty<T>();

        private static IEnumerable<T> ItemsOf<T>(IEnumerable<T>? items) => items ?? Array.Empty<T>();

        private static readonly char[] EscapedOrNested = { '/', '~', '%' };

        private static IJsonReference? Find<T>(IDictionary<string, T> components, string name)
            where T : class, IJsonReference =>
            components.TryGetValue(name, out T? component) ? component : null;
    
        private sealed class IdentityComparer : IEqualityComparer<object>
        {
            public static readonly IdentityComparer Instance = new IdentityComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
