using System.Threading;
using AtlasAccessGen.Generator.Emit;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Parsing;

namespace AtlasAccessGen.Generator
{
    /// <summary>
    /// Starts the generator's engine on a small built-in spec, on a background thread, once per process (#16).
    /// </summary>
    /// <remarks>
    /// In a fresh compiler (CI, any build without the compiler server) the first spec pays for Json.NET building its
    /// contracts over NSwag's object model and for the JIT compiling what no ReadyToRun image holds (generic code over
    /// NSwag's types, Json.NET's reading paths). Done beside the SDK's generators instead, that work saved 130 to
    /// 190 ms of the fragment's run in csc (BENCHMARKS.md section 9).
    /// The compiler calls every generator's <see cref="AtlasApiGenerator.Initialize"/> before it runs their pipelines,
    /// the SDK's own generators' among them, so this work is done beside those on another core instead of after them.
    /// Nothing it makes leaves it: the spec is a constant, the output is dropped, and every cache it fills (NSwag's
    /// contracts, the JIT's code) gives the same result to the real run. It never throws: a fault must not fail a build.
    /// </remarks>
    internal static class ColdStart
    {
        private static int s_started;

        public static void WarmUpInBackground()
        {
            if (Interlocked.Exchange(ref s_started, 1) == 0)
            {
                // A thread of its own: the pool may be busy with the compiler's work, and this must start now to help.
                new Thread(static () => WarmUp()) { IsBackground = true, Name = "AtlasAccessGen warm-up" }.Start();
            }
        }

        /// <summary>Parses and emits <see cref="Spec"/>; returns how many files it made (tests check it stays a full run).</summary>
        internal static int WarmUp()
        {
            try
            {
                var input = new SpecInput(
                    "/warm-up/spec.json",
                    Spec,
                    "AtlasAccessGen.WarmUp",
                    null,
                    ImmutableEquatableArray<string>.Empty,
                    ImmutableEquatableArray<string>.Empty,
                    ImmutableEquatableArray<Diagnostics.DiagnosticInfo>.Empty,
                    new SpecOrigin(null, "spec.json", null, ApiVersionFromProperty: false, NamespaceFromProperty: false));
                ParseResult parsed = SpecParser.Parse(input, CancellationToken.None);
                if (parsed.Spec is not { } spec || parsed.Diagnostics.Count > 0)
                {
                    return 0;
                }

                int files = 0;
                foreach (GeneratedFile _ in SpecEmitter.EmitModels(spec.WithoutOperations(), AtlasApiGenerator.Version, withRuntime: true, CancellationToken.None))
                {
                    files++;
                }

                foreach (GeneratedFile _ in SpecEmitter.EmitClients(spec, AtlasApiGenerator.Version, withDependencyInjection: true, CancellationToken.None))
                {
                    files++;
                }

                return files;
            }
            catch (System.Exception)
            {
                // Only time is lost: the real run reads its spec as it would have without this.
                return 0;
            }
        }

        /// <summary>The shapes every Atlas spec has: versioned media types, shared parameters and responses, a discriminated union, paging, enums.</summary>
        internal const string Spec = """
            {
              "openapi": "3.0.1",
              "info": { "title": "Warm-up", "version": "2.0" },
              "servers": [ { "url": "https://cloud.mongodb.com" } ],
              "security": [ { "DigestAuth": [] } ],
              "tags": [ { "name": "Things", "description": "Things." } ],
              "paths": {
                "/api/atlas/v2/groups/{groupId}/things": {
                  "get": {
                    "operationId": "listGroupThings",
                    "summary": "Return all things.",
                    "tags": [ "Things" ],
                    "parameters": [
                      { "$ref": "#/components/parameters/groupId" },
                      { "name": "itemsPerPage", "in": "query", "schema": { "type": "integer", "format": "int32", "default": 100 } },
                      { "name": "pageNum", "in": "query", "schema": { "type": "integer", "format": "int32", "default": 1 } },
                      { "name": "includeCount", "in": "query", "schema": { "type": "boolean", "default": true } }
                    ],
                    "responses": {
                      "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/PaginatedThing" } } } },
                      "401": { "$ref": "#/components/responses/unauthorized" }
                    }
                  },
                  "post": {
                    "operationId": "createGroupThing",
                    "summary": "Create one thing.",
                    "tags": [ "Things" ],
                    "parameters": [ { "$ref": "#/components/parameters/groupId" } ],
                    "requestBody": { "required": true, "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                    "responses": {
                      "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                      "401": { "$ref": "#/components/responses/unauthorized" }
                    }
                  }
                },
                "/api/atlas/v2/groups/{groupId}/things/{thingId}": {
                  "delete": {
                    "operationId": "deleteGroupThing",
                    "tags": [ "Things" ],
                    "parameters": [ { "$ref": "#/components/parameters/groupId" }, { "name": "thingId", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^([a-f0-9]{24})$" } } ],
                    "responses": { "204": { "description": "No content", "content": { "application/vnd.atlas.2023-01-01+json": { "x-xgen-version": "2023-01-01" } } } }
                  }
                }
              },
              "components": {
                "parameters": {
                  "groupId": { "name": "groupId", "in": "path", "required": true, "description": "Project id.", "schema": { "type": "string", "pattern": "^([a-f0-9]{24})$" } }
                },
                "responses": {
                  "unauthorized": { "description": "Unauthorized.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } } }
                },
                "securitySchemes": { "DigestAuth": { "type": "http", "scheme": "digest" } },
                "schemas": {
                  "ApiError": { "type": "object", "properties": { "detail": { "type": "string" }, "error": { "type": "integer", "format": "int32" }, "errorCode": { "type": "string" }, "parameters": { "type": "array", "items": { "type": "object" } } } },
                  "PaginatedThing": { "type": "object", "properties": { "results": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" }, "readOnly": true }, "totalCount": { "type": "integer", "format": "int32", "readOnly": true } } },
                  "Thing": {
                    "type": "object",
                    "required": [ "kind" ],
                    "properties": { "kind": { "type": "string", "enum": [ "ROUND", "SQUARE" ] } },
                    "discriminator": { "propertyName": "kind", "mapping": { "ROUND": "#/components/schemas/RoundThing", "SQUARE": "#/components/schemas/SquareThing" } },
                    "oneOf": [ { "$ref": "#/components/schemas/RoundThing" }, { "$ref": "#/components/schemas/SquareThing" } ]
                  },
                  "RoundThing": {
                    "type": "object",
                    "required": [ "kind" ],
                    "properties": {
                      "kind": { "type": "string", "enum": [ "ROUND", "SQUARE" ] },
                      "id": { "type": "string", "readOnly": true },
                      "created": { "type": "string", "format": "date-time" },
                      "radius": { "type": "number", "format": "double" },
                      "labels": { "type": "object", "additionalProperties": { "type": "string" } }
                    }
                  },
                  "SquareThing": {
                    "type": "object",
                    "required": [ "kind" ],
                    "properties": {
                      "kind": { "type": "string", "enum": [ "ROUND", "SQUARE" ] },
                      "side": { "type": "integer", "format": "int64" },
                      "state": { "type": "string", "enum": [ "ACTIVE", "PENDING" ] },
                      "parts": { "type": "array", "items": { "$ref": "#/components/schemas/ApiError" } }
                    }
                  }
                }
              }
            }
            """;
    }
}
