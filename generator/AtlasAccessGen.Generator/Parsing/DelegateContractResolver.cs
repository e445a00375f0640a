using System;
using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using NJsonSchema;
using NSwag;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// NSwag's OpenAPI 3 contracts with plain delegates in place of Json.NET's compiled expressions. Json.NET (its
    /// netstandard2.0 build, the one a generator loads) compiles an expression tree for every property accessor and
    /// constructor a contract uses: about 480 dynamic methods for NSwag's object model, which no ReadyToRun image can
    /// hold, so every fresh compiler process builds and JIT-compiles them again (#16). A delegate bound to the
    /// property's own accessor needs neither. The contracts are NSwag's own, resolved from a private resolver
    /// instance, so nothing else in the compiler process that uses NSwag sees a change.
    /// <para>
    /// NSwag gives every property <see cref="DefaultValueHandling.IgnoreAndPopulate"/>, for writing. On reading, its
    /// Populate half makes Json.NET build a presence table of all a contract's properties for each object (a schema has
    /// about 100) and then call the setter of every property the JSON lacks with its default value: the largest kind of
    /// allocation in a whole-API run after strings (BENCHMARKS.md section 11). On a schema (parameters and headers are
    /// schemas in NJsonSchema) those calls change nothing: a fresh schema already holds every default, and each setter
    /// stores what it is given. So a schema's properties are read as <see cref="DefaultValueHandling.Include"/> (present
    /// values are set exactly as before); every other object is read as NSwag reads it, since some of NSwag's other
    /// setters do more (a security scheme's Swagger 2 <c>flow</c> creates its OpenAPI 3 <c>flows</c>, a document's
    /// <c>info</c> replaces a placeholder). <c>DocumentReadTests</c> check this for every property of the pinned
    /// versions, and compare whole documents with NSwag's own read.
    /// </para>
    /// </summary>
    internal sealed class DelegateContractResolver : IContractResolver
    {
        private static readonly Lazy<IContractResolver> s_openApi3 = new Lazy<IContractResolver>(Create);

        private readonly IContractResolver _inner;
        private readonly ConcurrentDictionary<Type, JsonContract> _contracts = new ConcurrentDictionary<Type, JsonContract>();

        private DelegateContractResolver(IContractResolver inner) => _inner = inner;

        /// <summary>The resolver to read OpenAPI 3 documents with.</summary>
        public static IContractResolver OpenApi3 => s_openApi3.Value;

        public JsonContract ResolveContract(Type type)
        {
            if (_contracts.TryGetValue(type, out JsonContract? contract))
            {
                return contract;
            }

            // The private inner resolver is only reached from here, so no contract is used before it is prepared.
            lock (_contracts)
            {
                return _contracts.TryGetValue(type, out contract) ? contract : _contracts[type] = Prepare(_inner.ResolveContract(type));
            }
        }

        private static IContractResolver Create()
        {
            // NSwag's public GetJsonSerializerContractResolver hands out one shared instance; its factory makes a new one.
            MethodInfo? factory = typeof(OpenApiDocument).GetMethod("CreateJsonSerializerContractResolver", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(SchemaType) }, null);
            return factory?.Invoke(null, new object[] { SchemaType.OpenApi3 }) is IContractResolver own
                ? new DelegateContractResolver(own)
                : OpenApiDocument.GetJsonSerializerContractResolver(SchemaType.OpenApi3);
        }

        private static JsonContract Prepare(JsonContract contract)
        {
            if (contract.DefaultCreator is not null && !contract.CreatedType.IsAbstract && !contract.CreatedType.IsValueType
                && contract.CreatedType.GetConstructor(Type.EmptyTypes) is { } constructor && constructor.IsPublic)
            {
                Type created = contract.CreatedType;
                contract.DefaultCreator = () => Activator.CreateInstance(created)!;
            }

            if (contract is JsonObjectContract objectContract)
            {
                bool isSchema = typeof(JsonSchema).IsAssignableFrom(contract.CreatedType);
                foreach (JsonProperty property in objectContract.Properties)
                {
                    if (isSchema && property.DefaultValueHandling is { } handling && (handling & DefaultValueHandling.Populate) != 0)
                    {
                        property.DefaultValueHandling = DefaultValueHandling.Include;
                    }

                    if (property.ValueProvider is ExpressionValueProvider && property.DeclaringType is { IsValueType: false } declaring
                        && declaring.GetProperty(property.UnderlyingName!, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } member
                        && member.GetIndexParameters().Length == 0)
                    {
                        property.ValueProvider = (IValueProvider)Activator.CreateInstance(typeof(PropertyAccessor<,>).MakeGenericType(declaring, member.PropertyType), member)!;
                    }
                }
            }

            return contract;
        }

        /// <summary>Gets and sets one property through delegates bound to its accessors, failing as Json.NET's providers do.</summary>
        private sealed class PropertyAccessor<TTarget, TValue> : IValueProvider
            where TTarget : class
        {
            private readonly string _name;
            private readonly Func<TTarget, TValue>? _get;
            private readonly Action<TTarget, TValue>? _set;

            public PropertyAccessor(PropertyInfo property)
            {
                _name = property.Name;
                _get = property.GetGetMethod(nonPublic: true) is { } getter ? (Func<TTarget, TValue>)Delegate.CreateDelegate(typeof(Func<TTarget, TValue>), getter) : null;
                _set = property.GetSetMethod(nonPublic: true) is { } setter ? (Action<TTarget, TValue>)Delegate.CreateDelegate(typeof(Action<TTarget, TValue>), setter) : null;
            }

            public void SetValue(object target, object? value)
            {
                try
                {
                    _set!((TTarget)target, (TValue)value!);
                }
                catch (Exception e)
                {
                    throw new JsonSerializationException("Error setting value to '" + _name + "' on '" + target.GetType() + "'.", e);
                }
            }

            public object? GetValue(object target)
            {
                try
                {
                    return _get!((TTarget)target);
                }
                catch (Exception e)
                {
                    throw new JsonSerializationException("Error getting value from '" + _name + "' on '" + target.GetType() + "'.", e);
                }
            }
        }
    }
}
