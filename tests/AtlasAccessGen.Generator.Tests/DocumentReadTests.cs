using System;
using System.IO;
using System.Linq;
using System.Threading;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Parsing;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// How the spec becomes NSwag's object model without NSwag's costliest cold steps (#16): Json.NET reads it through
/// <see cref="DelegateContractResolver"/>, and <see cref="ReferenceLinker"/> links the $refs in place of NJsonSchema's
/// reflection pass. The linker must take every spec the project lives with (else the cold start is lost without any
/// test failing), build the very model NSwag's own resolution gives, and step aside, changing nothing, for what it
/// does not handle.
/// </summary>
public class DocumentReadTests
{
    /// <summary>The JSON specs the repository lives with: today's fragment and whole API, and their 2025-08-26 states.</summary>
    public static TheoryData<string> RealSpecs => new()
    {
        "cloud-provider-access.json",
        "atlas-api-v2.json",
        "history/cloud-provider-access-2025-08-26.json",
        "history/atlas-api-v2-2025-08-26.json",
    };

    [Theory]
    [MemberData(nameof(RealSpecs))]
    public void Every_reference_of_the_real_specs_is_linked_to_the_model_nswag_would_build(string spec)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", spec));

        Assert.True(Link(text), "the linker declined " + spec + ", so NSwag's reflection pass runs again");
        AssertSameModel(text);
    }

    /// <summary>Shapes the linker leaves to NSwag: each still parses to what NSwag alone makes of it.</summary>
    [Theory]
    [InlineData("a component that is only a $ref", """{ "Alias": { "$ref": "#/components/schemas/Role" } }""", "#/components/schemas/Alias")]
    [InlineData("an escaped name", """{ "a/b": { "type": "object", "properties": { "id": { "type": "string" } } } }""", "#/components/schemas/a~1b")]
    [InlineData("a reference below a component", """{ "Inner": { "type": "object", "properties": { "id": { "type": "string" } } } }""", "#/components/schemas/Inner/properties/id")]
    [InlineData("a $ref key inside an example", """{ "Sample": { "type": "object", "example": { "$ref": "not a reference" } } }""", "#/components/schemas/Role")]
    public void What_the_linker_does_not_take_is_left_to_nswag(string shape, string extraSchemas, string roleTarget)
    {
        string text = Spec(extraSchemas, roleTarget);

        Assert.False(Link(text), shape);
        AssertSameModel(text);
    }

    [Fact]
    public void A_mapping_by_bare_name_is_left_to_nswag()
    {
        string text = Spec(
            """
            { "Pet": { "type": "object", "properties": { "kind": { "type": "string" } },
                       "discriminator": { "propertyName": "kind", "mapping": { "cat": "Cat" } } },
              "Cat": { "allOf": [ { "$ref": "#/components/schemas/Pet" } ] } }
            """,
            "#/components/schemas/Role");

        Assert.False(Link(text));
    }

    [Fact]
    public void A_mapping_to_a_component_is_linked()
    {
        string text = Spec(
            """
            { "Pet": { "type": "object", "properties": { "kind": { "type": "string" } },
                       "discriminator": { "propertyName": "kind", "mapping": { "cat": "#/components/schemas/Cat" } } },
              "Cat": { "allOf": [ { "$ref": "#/components/schemas/Pet" }, { "type": "object", "properties": { "meows": { "type": "boolean" } } } ] } }
            """,
            "#/components/schemas/Role");

        Assert.True(Link(text));
        AssertSameModel(text);
    }

    /// <summary>
    /// The document is read with <see cref="DelegateContractResolver"/>: delegates instead of compiled expressions, on
    /// contracts of its own, so NSwag's shared resolver (anything else in the compiler process may use it) is untouched.
    /// </summary>
    [Fact]
    public void The_document_is_read_with_delegate_accessors_and_nswags_shared_contracts_stay_as_they_are()
    {
        Assert.True(Link(Specs.Fragment));

        var ours = (Newtonsoft.Json.Serialization.JsonObjectContract)DelegateContractResolver.OpenApi3.ResolveContract(typeof(NJsonSchema.JsonSchema));
        var shared = (Newtonsoft.Json.Serialization.JsonObjectContract)NSwag.OpenApiDocument.GetJsonSerializerContractResolver(NJsonSchema.SchemaType.OpenApi3).ResolveContract(typeof(NJsonSchema.JsonSchema));
        Assert.NotSame(shared, ours);
        Assert.Contains(ours.Properties, p => p.ValueProvider!.GetType().Name.StartsWith("PropertyAccessor", StringComparison.Ordinal));
        Assert.All(shared.Properties, p => Assert.IsNotType<DelegateContractResolver>(p.ValueProvider));
        Assert.DoesNotContain(shared.Properties, p => p.ValueProvider!.GetType().Name.StartsWith("PropertyAccessor", StringComparison.Ordinal));
    }

    /// <summary>
    /// The whole document, not only the model built from it, is the one NSwag's own parse gives (its resolver, its
    /// reference pass): written back by NSwag, the two are the same text. This is what keeps the read's shortcuts honest,
    /// the Populate one most (<see cref="DelegateContractResolver"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(RealSpecs))]
    public void The_real_specs_read_to_the_document_nswags_own_parse_gives(string spec)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", spec));

        Assert.Equal(NSwagsOwnRead(text), OurRead(text));
    }

    /// <summary>Objects whose missing properties Json.NET's Populate does change: the read must give what NSwag's does.</summary>
    [Theory]
    [InlineData("no info", """{ "openapi": "3.0.1", "paths": {} }""")]
    [InlineData("info without a description", """{ "openapi": "3.0.1", "info": { "title": "T", "version": "1" }, "paths": {} }""")]
    [InlineData(
        "a media type without encoding, a discriminator without mapping, a server without variables, an operation without servers",
        """
        { "openapi": "3.0.1", "info": { "title": "T", "version": "1" }, "servers": [ { "url": "https://cloud.mongodb.com" } ],
          "paths": { "/a": { "get": { "operationId": "getA", "responses": { "200": { "description": "OK",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } } } } } },
          "components": { "schemas": { "Pet": { "type": "object", "discriminator": { "propertyName": "kind" }, "properties": { "kind": { "type": "string" } } } } } }
        """)]
    public void A_document_read_where_populating_defaults_matters_is_the_one_nswag_reads(string shape, string text)
    {
        Assert.True(NSwagsOwnRead(text) == OurRead(text), shape);
    }

    /// <summary>
    /// Every contract of NSwag's and NJsonSchema's types: where the resolver reads a property without Populate, setting
    /// that property to its default on a fresh object (what Populate does for a property the JSON lacks) leaves the object
    /// as NSwag writes it unchanged. It is dropped for schemas (whose ~100 properties make it costly) and kept elsewhere.
    /// </summary>
    [Fact]
    public void Populate_is_dropped_only_where_it_changes_nothing()
    {
        var shared = NSwag.OpenApiDocument.GetJsonSerializerContractResolver(NJsonSchema.SchemaType.OpenApi3);
        var writer = new Newtonsoft.Json.JsonSerializerSettings { ContractResolver = shared };
        int dropped = 0;
        foreach (Type type in new[] { typeof(NSwag.OpenApiDocument).Assembly, typeof(NJsonSchema.JsonSchema).Assembly }.SelectMany(a => a.GetTypes()))
        {
            if (!type.IsClass || type.IsAbstract || type.ContainsGenericParameters || type.GetConstructor(Type.EmptyTypes) is null
                || DelegateContractResolver.OpenApi3.ResolveContract(type) is not Newtonsoft.Json.Serialization.JsonObjectContract ours)
            {
                continue;
            }

            var original = (Newtonsoft.Json.Serialization.JsonObjectContract)shared.ResolveContract(type);
            foreach (Newtonsoft.Json.Serialization.JsonProperty property in ours.Properties)
            {
                Newtonsoft.Json.Serialization.JsonProperty before = original.Properties.GetProperty(property.PropertyName!, StringComparison.Ordinal)!;
                if (before.DefaultValueHandling == property.DefaultValueHandling)
                {
                    continue;
                }

                dropped++;
                Assert.Equal(Newtonsoft.Json.DefaultValueHandling.Include, property.DefaultValueHandling);
                object fresh = Activator.CreateInstance(type)!;
                object populated = Activator.CreateInstance(type)!;
                Type valueType = property.PropertyType!;
                before.ValueProvider!.SetValue(populated, before.DefaultValue ?? (valueType.IsValueType && Nullable.GetUnderlyingType(valueType) is null ? Activator.CreateInstance(valueType) : null));
                Assert.True(
                    Newtonsoft.Json.JsonConvert.SerializeObject(fresh, writer) == Newtonsoft.Json.JsonConvert.SerializeObject(populated, writer),
                    type.Name + "." + property.PropertyName + ": populating its default changes the object");
            }
        }

        var schema = (Newtonsoft.Json.Serialization.JsonObjectContract)DelegateContractResolver.OpenApi3.ResolveContract(typeof(NJsonSchema.JsonSchema));
        Assert.DoesNotContain(schema.Properties, p => ((p.DefaultValueHandling ?? 0) & Newtonsoft.Json.DefaultValueHandling.Populate) != 0);
        var document = (Newtonsoft.Json.Serialization.JsonObjectContract)DelegateContractResolver.OpenApi3.ResolveContract(typeof(NSwag.OpenApiDocument));
        Assert.Equal(Newtonsoft.Json.DefaultValueHandling.IgnoreAndPopulate, document.Properties.GetProperty("info", StringComparison.Ordinal)!.DefaultValueHandling);
        Assert.True(dropped > 100, dropped + " properties");
    }

    /// <summary>A setter that throws fails the read as Json.NET's own accessors do, so the spec gets ATLAS001 at its line, not ATLAS099.</summary>
    [Fact]
    public void A_value_a_setter_refuses_is_an_unreadable_spec_at_its_line()
    {
        string text = Spec("""{ "Bad": { "type": "object", "additionalProperties": 42 } }""", "#/components/schemas/Role");

        SpecInput input = SpecInputs.For(text);
        ParseResult linked = SpecParser.Parse(input, CancellationToken.None);
        ParseResult resolvedByNSwag = SpecParser.Parse(input, CancellationToken.None, linkReferences: false);

        Assert.Equal(resolvedByNSwag.Diagnostics, linked.Diagnostics);
        Assert.DoesNotContain(linked.Diagnostics, d => d.Descriptor.Id == Diagnostics.DiagnosticDescriptors.InternalError.Id);
    }

    private static string NSwagsOwnRead(string text) =>
        NSwag.OpenApiDocument.FromJsonAsync(text, "/specs/spec.json").GetAwaiter().GetResult().ToJson();

    private static string OurRead(string text)
    {
        var structure = SpecStructureScan.Scan("/specs/spec.json", "spec.json", text, isYaml: false, CancellationToken.None);
        return SpecParser.ReadJson(text, "/specs/spec.json", structure.References.Count, CancellationToken.None).Document.ToJson();
    }

    /// <summary>Whether the generator's read of <paramref name="text"/> had <see cref="ReferenceLinker"/> link it.</summary>
    private static bool Link(string text)
    {
        var structure = SpecStructureScan.Scan("/specs/spec.json", "spec.json", text, isYaml: false, CancellationToken.None);
        try
        {
            return SpecParser.ReadJson(text, "/specs/spec.json", structure.References.Count, CancellationToken.None).Linked;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Could not resolve", StringComparison.Ordinal))
        {
            // Declined, and NJsonSchema's own pass then refused a reference (the generator reports it as ATLAS002).
            return false;
        }
    }

    private static void AssertSameModel(string text, bool expectModel = true)
    {
        SpecInput input = SpecInputs.For(text);
        ParseResult linked = SpecParser.Parse(input, CancellationToken.None);
        ParseResult resolvedByNSwag = SpecParser.Parse(input, CancellationToken.None, linkReferences: false);

        Assert.Equal(expectModel, linked.Spec is not null);
        Assert.Equal(resolvedByNSwag.Diagnostics, linked.Diagnostics);
        Assert.True(resolvedByNSwag.Spec == linked.Spec, "the linked model differs from NSwag's");
    }

    /// <summary>A one-operation spec whose response refers to <paramref name="roleTarget"/>, with more component schemas.</summary>
    private static string Spec(string extraSchemas, string roleTarget) =>
        """
        {
          "openapi": "3.0.1",
          "info": { "title": "T", "version": "2.0" },
          "paths": {
            "/api/atlas/v2/groups/{groupId}/roles": {
              "get": {
                "operationId": "getRole",
                "tags": [ "Roles" ],
                "parameters": [ { "$ref": "#/components/parameters/groupId" } ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "ROLE" } } } },
                  "404": { "$ref": "#/components/responses/notFound" }
                }
              }
            }
          },
          "components": {
            "parameters": { "groupId": { "name": "groupId", "in": "path", "required": true, "schema": { "type": "string" } } },
            "responses": { "notFound": { "description": "Not found", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } } } },
            "schemas": EXTRA
          }
        }
        """.Replace("ROLE", roleTarget, StringComparison.Ordinal).Replace("EXTRA", Merge(extraSchemas), StringComparison.Ordinal);

    private static string Merge(string extraSchemas) =>
        """{ "Role": { "type": "object", "properties": { "name": { "type": "string" } } }, "ApiError": { "type": "object", "properties": { "detail": { "type": "string" } } }, """
        + extraSchemas.Trim().Substring(1);
}
