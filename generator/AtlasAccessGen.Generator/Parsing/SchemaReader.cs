using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Model;
using NJsonSchema;
using NSwag;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Walks an NSwag <see cref="OpenApiDocument"/> from its operations and turns every schema they
    /// reach into <see cref="ObjectModel"/>s and <see cref="EnumModel"/>s.
    /// </summary>
    /// <remarks>
    /// Polymorphism follows the spec's own shapes (see shared/spec/README.md): a schema with a
    /// <c>discriminator</c> is an abstract base; its <c>mapping</c> targets derive from it, either by
    /// <c>allOf[0]</c> (<c>CloudProviderAccessAWSIAMRole</c>) or flat, re-declaring the discriminator
    /// (<c>CloudProviderAccessAWSIAMRoleRequest</c>). The base's <c>oneOf</c> only lists the same
    /// targets, so it is never followed; that is what breaks the base/subtype cycle.
    /// </remarks>
    internal sealed class SchemaReader
    {
        private readonly OpenApiDocument _document;
        private readonly SpecInput _input;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly NameScope _typeNames = new NameScope(GeneratedNames.Types, GeneratedNames.MaxTypeNameLength);
        private readonly Dictionary<JsonSchema, string> _componentNames = new Dictionary<JsonSchema, string>(ReferenceComparer.Instance);
        private readonly Dictionary<JsonSchema, string> _componentPointers = new Dictionary<JsonSchema, string>(ReferenceComparer.Instance);
        private readonly Dictionary<JsonSchema, string> _componentKeys = new Dictionary<JsonSchema, string>(ReferenceComparer.Instance);
        private readonly Dictionary<JsonSchema, TypeRef> _componentTypes = new Dictionary<JsonSchema, TypeRef>(ReferenceComparer.Instance);
        private readonly Dictionary<JsonSchema, JsonSchema> _flatBases = new Dictionary<JsonSchema, JsonSchema>(ReferenceComparer.Instance);

        /// <summary>Each component's base by allOf: its first allOf reference to an object-like component.</summary>
        private readonly Dictionary<JsonSchema, JsonSchema> _allOfBases = new Dictionary<JsonSchema, JsonSchema>(ReferenceComparer.Instance);

        /// <summary>Components whose base would close an inheritance cycle: generated without a base.</summary>
        private readonly HashSet<JsonSchema> _baseDropped = new HashSet<JsonSchema>(ReferenceComparer.Instance);

        /// <summary>
        /// Inline schemas with a discriminator (a property or array item that is <c>oneOf</c> + <c>discriminator</c> over
        /// components, e.g. <c>ApiAtlasFTSAnalyzersViewManual.tokenizer</c>): polymorphic bases like a named one, with the
        /// name hint of their owner and property, in document order.
        /// </summary>
        private readonly Dictionary<JsonSchema, (string Hint, string Pointer)> _inlineBases = new Dictionary<JsonSchema, (string, string)>(ReferenceComparer.Instance);
        private readonly List<JsonSchema> _inlineBaseOrder = new List<JsonSchema>();
        private readonly Dictionary<JsonSchema, string> _inlineBaseNames = new Dictionary<JsonSchema, string>(ReferenceComparer.Instance);

        /// <summary>Components deeper than <see cref="SpecLimits.MaxInheritanceDepth"/>: generated as raw JSON.</summary>
        private readonly HashSet<JsonSchema> _tooDeep = new HashSet<JsonSchema>(ReferenceComparer.Instance);
        private readonly Dictionary<string, ObjectModel> _objects = new Dictionary<string, ObjectModel>(StringComparer.Ordinal);
        private readonly Dictionary<string, EnumModel> _enums = new Dictionary<string, EnumModel>(StringComparer.Ordinal);
        private readonly Dictionary<string, (JsonSchema Schema, string Pointer)> _pendingObjects = new Dictionary<string, (JsonSchema, string)>(StringComparer.Ordinal);
        /// <summary>Inline enums by value set, in the order first met; each member is one name hint's provisional type.</summary>
        private readonly Dictionary<string, InlineEnumGroup> _inlineEnums = new Dictionary<string, InlineEnumGroup>(StringComparer.Ordinal);
        private readonly List<InlineEnumGroup> _inlineEnumOrder = new List<InlineEnumGroup>();

        /// <summary>Set while a parameter's type is resolved: an inline enum met then is named after the parameter.</summary>
        private bool _resolvingParameter;
        private readonly Queue<string> _buildQueue = new Queue<string>();
        private readonly HashSet<string> _building = new HashSet<string>(StringComparer.Ordinal);

        private readonly Dictionary<string, string> _sunsets;

        public SchemaReader(OpenApiDocument document, SpecInput input, List<DiagnosticInfo> diagnostics, Dictionary<string, string> sunsets, CancellationToken cancellationToken)
        {
            _sunsets = sunsets;
            _document = document;
            _input = input;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        public ApiSpec? Read()
        {
            NameComponents();
            FindInlineBases();
            FindFlatBases();
            FindAllOfBases();
            CheckInheritance();
            DropInlineBasesWithoutVariants();
            if (new OperationReader(_document, _input, _diagnostics, this, _sunsets).Read() is not { } clients)
            {
                return null;
            }


            while (_buildQueue.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                GetOrBuildObject(_buildQueue.Dequeue());
            }

            AddUnknownVariants();
            Dictionary<string, string> enumNames = CollapseInlineEnums();
            clients = clients.Select(c => Rename(c, enumNames)).ToImmutableEquatableArray();
            foreach (ObjectModel model in _objects.Values.ToList())
            {
                _objects[model.Name] = Rename(model, enumNames);
            }

            var derivedFrom = new HashSet<string>(_objects.Values.Where(o => o.BaseName is not null).Select(o => o.BaseName!), StringComparer.Ordinal);
            var objects = _objects.Values
                .Select(o => o with { IsSealed = !derivedFrom.Contains(o.Name) })
                .OrderBy(o => o.Name, StringComparer.Ordinal)
                .ToImmutableEquatableArray();
            var enums = _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToImmutableEquatableArray();
            var paging = PagingReader.Read(clients, objects);
            clients = paging.Clients;

            return new ApiSpec(
                _input.Namespace,
                _input.Path,
                _input.FileName,
                _document.Info?.Title ?? string.Empty,
                _document.Info?.Version ?? string.Empty,
                Extension(_document.Info?.ExtensionData, "x-xgen-sha"),
                objects,
                enums,
                _input.ApiVersion,
                clients,
                WorkflowReader.Read(clients, objects, enums),
                _input.Origin.For("Namespace"),
                paging.Pages,
                paging.Links,
                _document.Paths.SelectMany(path => path.Value.Keys.Select(method => OperationKey(method, path.Key))).ToImmutableEquatableArray());
        }

        /// <summary>An operation's identity across spec updates, which rename operationIds: <c>GET /api/atlas/v2/groups</c>.</summary>
        internal static string OperationKey(string method, string path) => method.ToUpperInvariant() + " " + path;

        /// <summary>Claims a class name and its interface (<c>X</c> and <c>IX</c>, with the same suffix if taken) beside the models.</summary>
        internal string ClaimClassAndInterface(string name)
        {
            string candidate = name;
            for (int i = 2; _typeNames.IsTaken(candidate) || _typeNames.IsTaken("I" + candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _typeNames.Claim(candidate);
            _typeNames.Claim("I" + candidate);
            return candidate;
        }

        private void NameComponents()
        {
            var firstOwner = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonSchema> component in _document.Components?.Schemas ?? new Dictionary<string, JsonSchema>())
            {
                string pointer = "/components/schemas/" + SpecTextMap.Escape(component.Key);
                string wanted = Naming.ToPascalCase(component.Key);
                string name = _typeNames.Claim(wanted);
                if (name != wanted)
                {
                    string owner = firstOwner.TryGetValue(wanted, out string? o) ? "'" + o + "'" : "the generated code";
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameCollision, pointer, _input.FileName, component.Key, wanted, owner, name));
                }
                else
                {
                    firstOwner[wanted] = component.Key;
                }

                _componentNames[component.Value] = name;
                _componentPointers[component.Value] = pointer;
                _componentKeys[component.Value] = component.Key;
            }
        }

        /// <summary>
        /// Mapping targets that do not inherit by allOf derive from the first base that maps them: named components in
        /// document order, then inline bases in document order.
        /// </summary>
        private void FindFlatBases()
        {
            foreach (JsonSchema owner in _componentNames.Keys.Concat(_inlineBaseOrder))
            {
                IEnumerable<JsonSchema> targets = _inlineBases.ContainsKey(owner)
                    ? InlineMapping(owner).Select(m => m.Target)
                    : owner.DiscriminatorObject?.Mapping is { Count: > 0 } mapping ? mapping.Values.Select(t => t.ActualSchema) : Enumerable.Empty<JsonSchema>();
                foreach (JsonSchema target in targets)
                {
                    if (!HasAllOfBase(target) && !ReferenceEquals(target, owner) && !_flatBases.ContainsKey(target) && IsObjectLike(target))
                    {
                        _flatBases[target] = owner;
                    }
                }
            }
        }

        /// <summary>
        /// Finds the inline discriminated unions inside components: in properties, array items, map values and inline
        /// allOf parts, at any depth. Each is named like the inline type its place would get (owner + property).
        /// </summary>
        private void FindInlineBases()
        {
            var visited = new HashSet<JsonSchema>(ReferenceComparer.Instance);
            foreach (KeyValuePair<JsonSchema, string> component in _componentNames)
            {
                ScanForInlineBases(component.Key, component.Value, _componentPointers[component.Key], visited);
            }
        }

        private void ScanForInlineBases(JsonSchema schema, string hint, string pointer, HashSet<JsonSchema> visited)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!visited.Add(schema))
            {
                return;
            }

            foreach (KeyValuePair<string, JsonSchemaProperty> property in schema.Properties)
            {
                string wanted = Naming.ToPascalCase(property.Key);
                Inline(property.Value, hint + (wanted == hint ? wanted + "Value" : wanted), pointer + "/properties/" + SpecTextMap.Escape(property.Key));
            }

            Inline(schema.Item, hint + "Item", pointer + "/items");
            Inline(schema.AdditionalPropertiesSchema, hint + "Value", pointer + "/additionalProperties");
            int index = 0;
            foreach (JsonSchema part in schema.AllOf)
            {
                Inline(part, hint, pointer + "/allOf/" + index++);
            }

            void Inline(JsonSchema? child, string childHint, string childPointer)
            {
                if (child is null || child.HasReference || _componentNames.ContainsKey(child))
                {
                    return;
                }

                if (child.DiscriminatorObject is { PropertyName.Length: > 0 } && !_inlineBases.ContainsKey(child) && InlineMapping(child).Any())
                {
                    _inlineBases[child] = (childHint, childPointer);
                    _inlineBaseOrder.Add(child);
                }

                ScanForInlineBases(child, childHint, childPointer, visited);
            }
        }

        /// <summary>
        /// An inline base's values and targets: its mapping, or without one each component its oneOf/anyOf references,
        /// under the component's name (OpenAPI's implicit mapping).
        /// </summary>
        private IEnumerable<(string Value, JsonSchema Target)> InlineMapping(JsonSchema schema) =>
            schema.DiscriminatorObject!.Mapping.Count > 0
                ? schema.DiscriminatorObject.Mapping.Select(m => (m.Key, m.Value.ActualSchema))
                : schema.OneOf.Concat(schema.AnyOf)
                    .Where(v => v.HasReference && _componentPointers.ContainsKey(v.ActualSchema))
                    .Select(v => (_componentKeys[v.ActualSchema], v.ActualSchema));

        /// <summary>
        /// An inline base that no mapping target derives from (each has another base, or is too deep) would be a class
        /// without members: it is generated as raw JSON instead (<see cref="ResolveInline"/>).
        /// </summary>
        private void DropInlineBasesWithoutVariants()
        {
            foreach (JsonSchema inlineBase in _inlineBaseOrder.ToList())
            {
                if (!InlineMapping(inlineBase).Any(m => _componentNames.ContainsKey(m.Target) && ReferenceEquals(BaseOf(m.Target), inlineBase) && !_tooDeep.Contains(m.Target) && IsObjectLike(m.Target)))
                {
                    _inlineBases.Remove(inlineBase);
                    _inlineBaseOrder.Remove(inlineBase);
                    foreach (JsonSchema target in _flatBases.Where(b => ReferenceEquals(b.Value, inlineBase)).Select(b => b.Key).ToList())
                    {
                        _flatBases.Remove(target);
                    }
                }
            }
        }

        private void FindAllOfBases()
        {
            foreach (JsonSchema component in _componentNames.Keys)
            {
                JsonSchema? allOfBase = component.AllOf.FirstOrDefault(part => part.HasReference && _componentNames.ContainsKey(part.ActualSchema) && IsObjectLike(part.ActualSchema))?.ActualSchema;
                if (allOfBase is not null)
                {
                    _allOfBases[component] = allOfBase;
                }
            }
        }

        /// <summary>
        /// Makes the inheritance graph (allOf bases and flat discriminator bases) a forest of bounded depth, in one pass in
        /// document order: a base that would close a cycle is dropped (C# has no cyclic inheritance), and a component with
        /// more than <see cref="SpecLimits.MaxInheritanceDepth"/> bases is generated as raw JSON, with everything below it.
        /// </summary>
        private void CheckInheritance()
        {
            var depths = new Dictionary<JsonSchema, int>(ReferenceComparer.Instance);
            foreach (JsonSchema component in _componentNames.Keys)
            {
                var chain = new List<JsonSchema>();
                var onChain = new HashSet<JsonSchema>(ReferenceComparer.Instance);
                JsonSchema? current = component;
                while (current is not null && !depths.ContainsKey(current) && onChain.Add(current))
                {
                    chain.Add(current);
                    JsonSchema? next = BaseOf(current);
                    if (next is not null && onChain.Contains(next))
                    {
                        _baseDropped.Add(current);
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritanceCycle, _componentPointers[current], _input.FileName, _componentNames[current], _componentNames[next]));
                        next = null;
                    }

                    current = next;
                }

                // current is now null (the chain's root) or a component whose depth is known.
                int depth = current is null ? -1 : depths[current];
                for (int i = chain.Count - 1; i >= 0; i--)
                {
                    depths[chain[i]] = ++depth;
                    if (depth == SpecLimits.MaxInheritanceDepth + 1)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritanceTooDeep, _componentPointers[chain[i]], _input.FileName, _componentNames[chain[i]], SpecLimits.MaxInheritanceDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    if (depth > SpecLimits.MaxInheritanceDepth)
                    {
                        _tooDeep.Add(chain[i]);
                    }
                }
            }
        }

        /// <summary>A component's base class: by allOf, else as a flat discriminator mapping target; none once dropped from a cycle.</summary>
        private JsonSchema? BaseOf(JsonSchema component) =>
            _baseDropped.Contains(component) ? null
            : _allOfBases.TryGetValue(component, out JsonSchema? allOfBase) ? allOfBase
            : _flatBases.TryGetValue(component, out JsonSchema? flatBase) ? flatBase
            : null;

        internal static string OperationName(OpenApiOperation operation, string method, string path) =>
            Extension(operation.ExtensionData, "x-xgen-operation-id-override") ?? operation.OperationId ?? (method + " " + path);

        internal static bool IsSelected(SpecInput input, OpenApiOperation operation, string operationName)
        {
            bool byTag = input.Tags.Count == 0 || (operation.Tags?.Any(tag => input.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) ?? false);
            bool byOperation = input.Operations.Count == 0
                || input.Operations.Contains(operationName, StringComparer.OrdinalIgnoreCase)
                || (operation.OperationId is { } id && input.Operations.Contains(id, StringComparer.OrdinalIgnoreCase));
            return byTag && byOperation;
        }

        internal TypeRef ResolveType(JsonSchema schema, string hint, string pointer)
        {
            if (schema.HasReference || _componentNames.ContainsKey(schema))
            {
                JsonSchema target = schema.ActualSchema;
                return _componentNames.ContainsKey(target) ? ResolveComponent(target) : ResolveInline(target, hint, pointer);
            }

            // A property written as allOf: [$ref] (to attach a description to a reference) is that reference.
            if (schema.AllOf.Count == 1 && schema.AllOf.First().HasReference && schema.Properties.Count == 0 && schema.DiscriminatorObject is null)
            {
                return ResolveType(schema.AllOf.First(), hint, pointer);
            }

            return ResolveInline(schema, hint, pointer);
        }

        private TypeRef ResolveComponent(JsonSchema component)
        {
            if (_componentTypes.TryGetValue(component, out TypeRef? known))
            {
                return known;
            }

            if (_tooDeep.Contains(component))
            {
                _componentTypes[component] = TypeRef.Json;
                return TypeRef.Json;
            }

            string name = _componentNames[component];
            string pointer = _componentPointers[component];
            if (IsUnionWithoutVariants(component))
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UntypedUnion,
                    pointer,
                    _input.FileName,
                    pointer,
                    "has a discriminator, but every variant already derives from another base",
                    "none needed; a variant can derive from one base only"));
                _componentTypes[component] = TypeRef.Json;
                return TypeRef.Json;
            }

            if (IsObjectLike(component))
            {
                var type = new TypeRef(TypeKind.Object, name);
                _componentTypes[component] = type;
                QueueObject(name, component, pointer);
                return type;
            }

            // Guards a component that is (indirectly) an array or map of itself.
            _componentTypes[component] = TypeRef.Json;
            TypeRef resolved = ResolveInline(component, name, pointer, claimName: false);
            _componentTypes[component] = resolved;
            return resolved;
        }

        private TypeRef ResolveInline(JsonSchema schema, string hint, string pointer, bool claimName = true)
        {
            if (_inlineBases.ContainsKey(schema))
            {
                return ResolveInlineBase(schema);
            }

            // A discriminated union this generator cannot type (outside a component, or no target can derive from it):
            // raw JSON keeps it whole, where a class of no members would drop it.
            if (claimName && schema.DiscriminatorObject is not null && (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0) && schema.Properties.Count == 0 && schema.AllOf.Count == 0)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UntypedUnion,
                    pointer,
                    _input.FileName,
                    pointer,
                    "has a discriminator, but no variant the generator can derive from it (inline unions are typed inside components, over component variants that have no other base)",
                    "none needed; declare the union as a named component upstream for typed access"));
                return TypeRef.Json;
            }

            if (schema.Not is not null)
            {
                Unsupported("'not'", pointer, "describe the allowed shape positively");
                return TypeRef.Json;
            }

            if ((schema.OneOf.Count > 0 || schema.AnyOf.Count > 0) && schema.DiscriminatorObject is null)
            {
                return ResolveUnion(schema, hint, pointer, claimName);
            }

            JsonObjectType type = schema.Type & ~JsonObjectType.Null;
            if (type != JsonObjectType.None && !IsSingleFlag(type))
            {
                Unsupported("a property of several types (" + type + ")", pointer, "give it a single type");
                return TypeRef.Json;
            }

            switch (type)
            {
                case JsonObjectType.String:
                    if (schema.Enumeration.Count > 0)
                    {
                        return new TypeRef(TypeKind.Enum, claimName ? AddInlineEnum(hint, schema.Description, schema.Enumeration, schema.Format, pointer) : AddEnum(hint, schema.Description, schema.Enumeration, pointer));
                    }

                    return schema.Format switch
                    {
                        "date-time" => new TypeRef(TypeKind.DateTimeOffset),
                        "uuid" => new TypeRef(TypeKind.Guid),
                        _ => TypeRef.String,
                    };
                case JsonObjectType.Integer:
                    return new TypeRef(schema.Format == "int32" ? TypeKind.Int32 : TypeKind.Int64);
                case JsonObjectType.Number:
                    return new TypeRef(schema.Format == "float" ? TypeKind.Single : TypeKind.Double);
                case JsonObjectType.Boolean:
                    return new TypeRef(TypeKind.Boolean);
                case JsonObjectType.Array:
                    return schema.Item is { } item
                        ? new TypeRef(TypeKind.Array, Item: ResolveType(item, hint + "Item", pointer + "/items"))
                        : new TypeRef(TypeKind.Array, Item: TypeRef.Json);
                case JsonObjectType.Object:
                case JsonObjectType.None:
                    if (IsObjectLike(schema))
                    {
                        string name = claimName ? _typeNames.Claim(hint) : hint;
                        QueueObject(name, schema, pointer);
                        return new TypeRef(TypeKind.Object, name);
                    }

                    if (schema.AdditionalPropertiesSchema is { } values)
                    {
                        return new TypeRef(TypeKind.Map, Item: ResolveType(values, hint + "Value", pointer + "/additionalProperties"));
                    }

                    // {} and {type: object} with no properties are free-form JSON by design, not a gap.
                    return TypeRef.Json;
                default:
                    Unsupported("the type '" + type + "'", pointer, "use string, integer, number, boolean, array or object");
                    return TypeRef.Json;
            }
        }

        /// <summary>
        /// oneOf/anyOf without a discriminator: unions of string enums (per-cloud region lists) merge into one
        /// enum; any other union cannot be told apart safely, so it stays raw JSON, which loses nothing.
        /// </summary>
        private TypeRef ResolveUnion(JsonSchema schema, string hint, string pointer, bool claimName)
        {
            List<JsonSchema> variants = schema.OneOf.Concat(schema.AnyOf).Select(v => v.ActualSchema).ToList();
            if (variants.All(v => (v.Type & ~JsonObjectType.Null) == JsonObjectType.String && v.OneOf.Count == 0 && v.AnyOf.Count == 0))
            {
                var values = variants.SelectMany(v => v.Enumeration).Distinct().ToList();
                return values.Count > 0 && variants.All(v => v.Enumeration.Count > 0)
                    ? new TypeRef(TypeKind.Enum, claimName ? AddInlineEnum(hint, schema.Description, values, schema.Format, pointer) : AddEnum(hint, schema.Description, values, pointer))
                    : TypeRef.String;
            }

            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UntypedUnion,
                pointer,
                _input.FileName,
                pointer,
                "has no discriminator, so its variants cannot be told apart safely",
                "none needed; add a discriminator upstream for typed access"));
            return TypeRef.Json;
        }

        /// <summary>
        /// A component that is only a discriminated union (no properties or allOf of its own) and that no component derives
        /// from: its class would have no members, so it is raw JSON instead.
        /// </summary>
        private bool IsUnionWithoutVariants(JsonSchema component) =>
            component.DiscriminatorObject is not null
            && (component.OneOf.Count > 0 || component.AnyOf.Count > 0)
            && component.Properties.Count == 0
            && component.AllOf.Count == 0
            && !_componentNames.Keys.Any(c => ReferenceEquals(BaseOf(c), component) && !_tooDeep.Contains(c));

        /// <summary>An inline base's class: named once, on first use from its owner or from a variant, after its owner.</summary>
        private TypeRef ResolveInlineBase(JsonSchema schema)
        {
            if (!_inlineBaseNames.TryGetValue(schema, out string? name))
            {
                (string hint, string pointer) = _inlineBases[schema];
                _inlineBaseNames[schema] = name = _typeNames.Claim(hint);
                QueueObject(name, schema, pointer);
            }

            return new TypeRef(TypeKind.Object, name);
        }

        /// <summary>A base class by schema: a component, or an inline base.</summary>
        private TypeRef ResolveBase(JsonSchema schema) =>
            _componentNames.ContainsKey(schema) ? ResolveComponent(schema) : ResolveInlineBase(schema);

        /// <summary>The generated name of a base, for messages: an inline base not generated yet by its name hint.</summary>
        private string BaseDisplayName(JsonSchema schema) =>
            _componentNames.TryGetValue(schema, out string? name) ? name
            : _inlineBaseNames.TryGetValue(schema, out name) ? name
            : _inlineBases.TryGetValue(schema, out var inline) ? inline.Hint
            : "?";

        private void QueueObject(string name, JsonSchema schema, string pointer)
        {
            if (!_objects.ContainsKey(name) && !_pendingObjects.ContainsKey(name))
            {
                _pendingObjects[name] = (schema, pointer);
                _buildQueue.Enqueue(name);
            }
        }

        private ObjectModel? GetOrBuildObject(string name)
        {
            if (_objects.TryGetValue(name, out ObjectModel? built))
            {
                return built;
            }

            if (!_pendingObjects.TryGetValue(name, out var pending) || !_building.Add(name))
            {
                return null;
            }

            ObjectModel model = BuildObject(name, pending.Schema, pending.Pointer);
            _objects[name] = model;
            _building.Remove(name);
            return model;
        }

        private ObjectModel BuildObject(string name, JsonSchema schema, string pointer)
        {
            // The parts whose properties this class declares: itself, inline allOf parts, and allOf
            // references after the first (mixins, flattened since C# has single inheritance).
            // A component's base comes from the checked inheritance graph; an inline schema's from its first allOf
            // reference to an object-like component that is not too deep (it is at most one level below the limit).
            var parts = new List<(JsonSchema Schema, string Pointer)> { (schema, pointer) };
            JsonSchema? baseSchema = _componentNames.ContainsKey(schema)
                ? BaseOf(schema)
                : schema.AllOf.FirstOrDefault(part => part.HasReference && _componentNames.ContainsKey(part.ActualSchema) && IsObjectLike(part.ActualSchema) && !_tooDeep.Contains(part.ActualSchema))?.ActualSchema;
            bool baseSkipped = false;
            int index = 0;
            foreach (JsonSchema part in schema.AllOf)
            {
                string partPointer = pointer + "/allOf/" + index++;
                if (!baseSkipped && part.HasReference && ReferenceEquals(part.ActualSchema, baseSchema))
                {
                    baseSkipped = true;
                }
                else
                {
                    parts.Add(part.HasReference ? (part.ActualSchema, _componentPointers.TryGetValue(part.ActualSchema, out string? p) ? p : partPointer) : (part, partPointer));
                }
            }

            ObjectModel? baseModel = null;
            if (baseSchema is not null && ResolveBase(baseSchema) is { Kind: TypeKind.Object, Name: string baseName })
            {
                baseModel = GetOrBuildObject(baseName);
            }

            var inherited = baseModel?.AllProperties ?? ImmutableEquatableArray<PropertyModel>.Empty;
            DiscriminatorValueModel? discriminatorValues = baseModel is null ? null : DiscriminatorValuesFor(name, baseModel);
            string? inheritedDiscriminator = discriminatorValues?.JsonName;

            var memberNames = new NameScope(GeneratedNames.ObjectProperties.Concat(new[] { name }).Concat(inherited.Select(p => p.Name)).Concat(discriminatorValues is null ? Array.Empty<string>() : new[] { discriminatorValues.PropertyName }));
            var required = new HashSet<string>(parts.SelectMany(p => p.Schema.RequiredProperties), StringComparer.Ordinal);
            DiscriminatorModel? discriminator = schema.DiscriminatorObject is { } discriminatorObject && baseModel?.Discriminator is null && inheritedDiscriminator is null
                ? BuildDiscriminator(name, schema, discriminatorObject, parts, memberNames, required, pointer)
                : null;

            var seen = new HashSet<string>(inherited.Select(p => p.JsonName), StringComparer.Ordinal);
            AddIfNotNull(seen, inheritedDiscriminator);
            AddIfNotNull(seen, discriminator?.JsonName);
            var declared = new List<PropertyModel>();
            foreach ((JsonSchema part, string partPointer) in parts)
            {
                foreach (KeyValuePair<string, JsonSchemaProperty> property in part.Properties)
                {
                    if (!seen.Add(property.Key))
                    {
                        continue;
                    }

                    string wanted = Naming.ToPascalCase(property.Key);
                    string propertyName = memberNames.Claim(wanted == name ? wanted + "Value" : wanted);
                    JsonSchemaProperty value = property.Value;
                    JsonSchema actual = value.ActualSchema;
                    declared.Add(new PropertyModel(
                        property.Key,
                        propertyName,
                        ResolveType(value, name + propertyName, partPointer + "/properties/" + SpecTextMap.Escape(property.Key)),
                        required.Contains(property.Key),
                        value.IsNullableRaw == true || (value.HasReference && actual.IsNullableRaw == true),
                        value.IsReadOnly,
                        Clean(value.Description ?? (value.HasReference ? actual.Description : null))));
                }
            }

            return new ObjectModel(
                name,
                pointer,
                Clean(schema.Description),
                baseModel?.Name,
                declared.ToImmutableEquatableArray(),
                inherited.Concat(declared).ToImmutableEquatableArray(),
                discriminator,
                discriminatorValues,
                IsSealed: true,
                UnknownVariantOf: null);
        }

        private DiscriminatorModel? BuildDiscriminator(
            string name,
            JsonSchema schema,
            OpenApiDiscriminator discriminatorObject,
            List<(JsonSchema Schema, string Pointer)> parts,
            NameScope memberNames,
            HashSet<string> required,
            string pointer)
        {
            if (discriminatorObject.PropertyName is not { Length: > 0 } jsonName)
            {
                Unsupported("a discriminator without propertyName", pointer + "/discriminator", "name the discriminating property");
                return null;
            }

            var cases = new List<DiscriminatorCase>();
            var shared = new List<(string Value, string TargetName, string OtherBase)>();
            var mapping = _inlineBases.ContainsKey(schema)
                ? InlineMapping(schema)
                : discriminatorObject.Mapping.Count > 0
                ? discriminatorObject.Mapping.Select(m => (m.Key, Target: m.Value.ActualSchema))
                : _componentNames.Keys.Where(c => !_baseDropped.Contains(c) && _allOfBases.TryGetValue(c, out JsonSchema? b) && ReferenceEquals(b, schema)).Select(c => (Key: _componentPointers[c].Substring("/components/schemas/".Length), Target: c));
            foreach ((string value, JsonSchema target) in mapping.ToList())
            {
                // Too deep: its values read as the unknown variant. Dropped from a cycle: reported as such already.
                if (!_componentNames.TryGetValue(target, out string? targetName) || !IsObjectLike(target) || _tooDeep.Contains(target) || _baseDropped.Contains(target))
                {
                    continue;
                }

                JsonSchema? targetBase = BaseOf(target);
                if (ReferenceEquals(targetBase, schema))
                {
                    cases.Add(new DiscriminatorCase(value, targetName));
                    ResolveComponent(target);
                }
                else if (!ReferenceEquals(target, schema))
                {
                    shared.Add((value, targetName, targetBase is null ? "no base (it is generated without one)" : "'" + BaseDisplayName(targetBase) + "'"));
                }
            }

            if (cases.Count == 0)
            {
                return null;
            }

            // Claimed only now: a base without variants generates no unknown variant, and no message may promise one.
            string unknownTypeName = _typeNames.Claim("Unknown" + name);
            foreach ((string value, string targetName, string otherBase) in shared)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DiscriminatorTargetShared, pointer + "/discriminator/mapping", _input.FileName, name, value, targetName, otherBase, unknownTypeName));
            }

            JsonSchemaProperty? property = parts.Select(p => p.Schema.Properties.TryGetValue(jsonName, out JsonSchemaProperty? found) ? found : null).FirstOrDefault(p => p is not null);
            string propertyName = memberNames.Claim(Naming.ToPascalCase(jsonName) == name ? Naming.ToPascalCase(jsonName) + "Value" : Naming.ToPascalCase(jsonName));
            TypeRef type = property is not null && property.ActualSchema.Enumeration.Count > 0 && (property.ActualSchema.Type & JsonObjectType.String) != 0
                ? ResolveType(property, name + propertyName, pointer + "/properties/" + SpecTextMap.Escape(jsonName))
                : TypeRef.String;
            return new DiscriminatorModel(
                jsonName,
                propertyName,
                type,
                Clean(property?.Description),
                property?.IsReadOnly ?? false,
                required.Contains(jsonName),
                cases.ToImmutableEquatableArray(),
                unknownTypeName);
        }

        private static DiscriminatorValueModel? DiscriminatorValuesFor(string name, ObjectModel baseModel)
        {
            if (baseModel.Discriminator is { } discriminator)
            {
                var values = discriminator.Cases.Where(c => c.TypeName == name).Select(c => c.Value).ToImmutableEquatableArray();
                return new DiscriminatorValueModel(discriminator.JsonName, discriminator.PropertyName, discriminator.Type, discriminator.IsReadOnly, discriminator.IsRequired, discriminator.UnknownTypeName, values);
            }

            return baseModel.DiscriminatorValues;
        }

        private void AddUnknownVariants()
        {
            foreach (ObjectModel model in _objects.Values.Where(o => o.Discriminator is not null).ToList())
            {
                DiscriminatorModel discriminator = model.Discriminator!;
                _objects[discriminator.UnknownTypeName] = new ObjectModel(
                    discriminator.UnknownTypeName,
                    model.JsonPointer,
                    "A <see cref=\"" + model.Name + "\"/> whose " + discriminator.JsonName + " this client does not know (a newer server); it keeps the raw JSON.",
                    model.Name,
                    ImmutableEquatableArray<PropertyModel>.Empty,
                    model.AllProperties,
                    null,
                    new DiscriminatorValueModel(discriminator.JsonName, discriminator.PropertyName, discriminator.Type, discriminator.IsReadOnly, discriminator.IsRequired, discriminator.UnknownTypeName, ImmutableEquatableArray<string>.Empty),
                    IsSealed: true,
                    UnknownVariantOf: model.Name);
            }
        }

        /// <summary>A parameter's type; an inline enum of it is a candidate to name every inline enum of its values.</summary>
        internal TypeRef ResolveParameterType(JsonSchema schema, string hint, string pointer)
        {
            _resolvingParameter = true;
            try
            {
                return ResolveType(schema, hint, pointer);
            }
            finally
            {
                _resolvingParameter = false;
            }
        }

        /// <summary>
        /// An inline enum, by a provisional name (its name hint, claimed as before, so no other name moves); the same
        /// hint with the same values (a parameter many operations share) is the same one. <see cref="CollapseInlineEnums"/>
        /// later makes every inline enum of one value set one type.
        /// </summary>
        private string AddInlineEnum(string hint, string? description, IEnumerable<object?> values, string? format, string pointer)
        {
            List<string> distinct = values
                .Where(v => v is not null)
                .Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            string signature = (format ?? string.Empty) + "\n" + string.Join("\n", distinct.OrderBy(v => v, StringComparer.Ordinal));
            if (!_inlineEnums.TryGetValue(signature, out InlineEnumGroup? group))
            {
                _inlineEnums[signature] = group = new InlineEnumGroup();
                _inlineEnumOrder.Add(group);
            }

            if (group.Members.FirstOrDefault(m => m.Hint == hint) is { } known)
            {
                known.IsParameter |= _resolvingParameter;
                return known.Name;
            }

            var member = new InlineEnumMember(hint, _typeNames.Claim(hint), Clean(description), distinct, pointer) { IsParameter = _resolvingParameter };
            group.Members.Add(member);
            return member.Name;
        }

        /// <summary>
        /// Identical inline enums are one type: every inline (not component) string enum with the same set of values and
        /// the same format shares the type of the first of them by this order: a parameter's enum first, then by name,
        /// ordinally. So <c>CloudProviderAccessRole.providerName</c> and the <c>cloudProvider</c> path parameter of
        /// deauthorize are both <c>CloudProvider</c>. Named component enums are never merged, with each other or
        /// with inline ones. Returns each provisional name's final one.
        /// </summary>
        private Dictionary<string, string> CollapseInlineEnums()
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (InlineEnumGroup group in _inlineEnumOrder)
            {
                InlineEnumMember chosen = group.Members
                    .OrderBy(m => m.IsParameter ? 0 : 1)
                    .ThenBy(m => m.Name, StringComparer.Ordinal)
                    .First();
                string? description = group.Members.All(m => m.Description == chosen.Description) ? chosen.Description : null;
                var merged = group.Members.Where(m => m != chosen).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToImmutableEquatableArray();
                AddEnum(chosen.Name, description, chosen.Values, chosen.Pointer, merged);
                foreach (InlineEnumMember member in group.Members)
                {
                    names[member.Name] = chosen.Name;
                }
            }

            return names;
        }

        private static TypeRef Rename(TypeRef type, Dictionary<string, string> names) =>
            type.Kind == TypeKind.Enum && type.Name is { } name && names.TryGetValue(name, out string? renamed) && renamed != name ? type with { Name = renamed }
            : type.Item is { } item ? type with { Item = Rename(item, names) }
            : type;

        private static PropertyModel Rename(PropertyModel property, Dictionary<string, string> names) => property with { Type = Rename(property.Type, names) };

        private static ObjectModel Rename(ObjectModel model, Dictionary<string, string> names) => model with
        {
            DeclaredProperties = model.DeclaredProperties.Select(p => Rename(p, names)).ToImmutableEquatableArray(),
            AllProperties = model.AllProperties.Select(p => Rename(p, names)).ToImmutableEquatableArray(),
            Discriminator = model.Discriminator is { } d ? d with { Type = Rename(d.Type, names) } : null,
            DiscriminatorValues = model.DiscriminatorValues is { } v ? v with { Type = Rename(v.Type, names) } : null,
        };

        private static ClientModel Rename(ClientModel client, Dictionary<string, string> names) => client with
        {
            Operations = client.Operations.Select(o => o with
            {
                Parameters = o.Parameters.Select(p => p with { Type = Rename(p.Type, names) }).ToImmutableEquatableArray(),
                Versions = o.Versions.Select(v => v with
                {
                    Body = v.Body is { } body ? body with { Type = Rename(body.Type, names) } : null,
                    Result = v.Result is { } result ? Rename(result, names) : null,
                }).ToImmutableEquatableArray(),
            }).ToImmutableEquatableArray(),
        };

        private sealed class InlineEnumGroup
        {
            public List<InlineEnumMember> Members { get; } = new List<InlineEnumMember>();
        }

        private sealed class InlineEnumMember
        {
            public InlineEnumMember(string hint, string name, string? description, List<string> values, string pointer)
            {
                Hint = hint;
                Name = name;
                Description = description;
                Values = values;
                Pointer = pointer;
            }

            public string Hint { get; }

            public string Name { get; }

            public string? Description { get; }

            public List<string> Values { get; }

            public string Pointer { get; }

            public bool IsParameter { get; set; }
        }

        private string AddEnum(string name, string? description, IEnumerable<object?> values, string pointer, ImmutableEquatableArray<string>? mergedNames = null)
        {
            if (!_enums.ContainsKey(name))
            {
                var memberNames = new NameScope(GeneratedNames.EnumMembers.Concat(new[] { name }));
                var members = values
                    .Where(v => v is not null)
                    .Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
                    .Distinct(StringComparer.Ordinal)
                    .Select(v => new EnumMemberModel(memberNames.Claim(v.Length == 0 ? "Empty" : Naming.ToEnumMemberName(v)), v))
                    .ToImmutableEquatableArray();
                _enums[name] = new EnumModel(name, pointer, Clean(description), members, mergedNames ?? ImmutableEquatableArray<string>.Empty);
            }

            return name;
        }

        private void Unsupported(string construct, string pointer, string fix) =>
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedConstruct, pointer, _input.FileName, construct, pointer, fix));

        /// <summary>Whether an allOf reference can be the base (what <see cref="FindAllOfBases"/> looks for).</summary>
        private bool HasAllOfBase(JsonSchema schema) =>
            schema.AllOf.Any(part => part.HasReference && _componentNames.ContainsKey(part.ActualSchema) && IsObjectLike(part.ActualSchema));

        private bool IsObjectLike(JsonSchema schema) =>
            schema.Properties.Count > 0
            || schema.DiscriminatorObject is not null
            || _flatBases.ContainsKey(schema)
            || (schema.AllOf.Count > 0 && schema.AllOf.All(part => (part.ActualSchema.Type & ~JsonObjectType.Null) is JsonObjectType.Object or JsonObjectType.None) && schema.OneOf.Count == 0 && schema.AnyOf.Count == 0);

        private static bool IsSingleFlag(JsonObjectType type) => ((int)type & ((int)type - 1)) == 0;

        private static void AddIfNotNull(HashSet<string> set, string? value)
        {
            if (value is not null)
            {
                set.Add(value);
            }
        }

        private static string? Clean(string? description) => string.IsNullOrWhiteSpace(description) ? null : description!.Trim();

        internal static string? Extension(IDictionary<string, object?>? extensions, string key) =>
            extensions is not null && extensions.TryGetValue(key, out object? value) && value is not null
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        private sealed class ReferenceComparer : IEqualityComparer<JsonSchema>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(JsonSchema? x, JsonSchema? y) => ReferenceEquals(x, y);

            public int GetHashCode(JsonSchema obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
