using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Model;
using NJsonSchema;
using NJsonSchema.References;
using NSwag;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>The outcome of parsing one spec: the model (null when nothing can be generated) and the diagnostics.</summary>
    internal sealed record ParseResult(ApiSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Stage one: spec text -> NSwag's OpenAPI object model -> <see cref="ApiSpec"/>. This is the only
    /// place NSwag types are used; nothing of theirs leaves it. It never throws for bad input: every
    /// problem becomes a diagnostic with the spec file and, where known, the line and column.
    /// </summary>
    internal static class SpecParser
    {
        /// <param name="linkReferences">False leaves the references to NJsonSchema's own pass (tests compare the two).</param>
        public static ParseResult Parse(SpecInput input, CancellationToken cancellationToken, bool linkReferences = true)
        {
            var diagnostics = new List<DiagnosticInfo>(input.MetadataErrors);
            bool? isYaml = DetectFormat(input.Path);

            ApiSpec? spec = null;
            if (isYaml is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedSpecFormat, null, input.FileName));
            }
            else if (input.Text is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, null, input.FileName, isYaml.Value ? "YAML" : "JSON", "the file could not be read"));
            }
            else if (input.MetadataErrors.Count == 0)
            {
                try
                {
                    spec = ParseDocument(input, isYaml.Value, linkReferences, diagnostics, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    // The last line of defence: a generator exception would surface as CS8785 and drop all output silently.
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, input.FileName, e.GetType().Name + ": " + e.Message));
                    spec = null;
                }
            }

            return new ParseResult(spec, Locate(input, isYaml ?? false, diagnostics));
        }

        private static bool? DetectFormat(string path)
        {
            string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            return extension switch
            {
                ".json" => false,
                ".yaml" or ".yml" => true,
                _ => null,
            };
        }

        private static ApiSpec? ParseDocument(SpecInput input, bool isYaml, bool linkReferences, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            string format = isYaml ? "YAML" : "JSON";
            if (string.IsNullOrWhiteSpace(input.Text))
            {
                diagnostics.Add(WithLine(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, null, input.FileName, format, "the file is empty"), input.Path, 1, 1));
                return null;
            }

            OpenApiDocument document;
            Dictionary<string, string> sunsets;
            try
            {
                // Limits, the version and the $refs first, on the text: NSwag, NJsonSchema and YamlDotNet recurse and expand aliases without bound.
                SpecStructure structure = SpecStructureScan.Scan(input.Path, input.FileName, input.Text!, isYaml, cancellationToken);
                if (structure.LimitExceeded is { } limit)
                {
                    diagnostics.Add(limit);
                    return null;
                }

                // NSwag fills in a default version when the document declares none, so look at the text itself.
                if (structure.OpenApiVersion is not { } version || !version.StartsWith("3.", StringComparison.Ordinal))
                {
                    string found = structure.OpenApiVersion is { } other ? "found 'openapi: " + other + "'" : structure.DeclaresSwagger ? "found Swagger 2.0 or no version" : "found no 'openapi' field";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotOpenApi3, string.Empty, input.FileName, found));
                    return null;
                }

                int before = diagnostics.Count;
                diagnostics.AddRange(ReferenceChecks.Check(input.Path, input.FileName, structure.References));
                if (diagnostics.Count > before)
                {
                    return null;
                }

                cancellationToken.ThrowIfCancellationRequested();
                document = Load(input, isYaml, linkReferences ? structure.References.Count : -1, cancellationToken);
                sunsets = structure.Sunsets;
            }
            catch (Newtonsoft.Json.JsonReaderException e)
            {
                diagnostics.Add(WithLine(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, null, input.FileName, format, TrimPosition(e.Message)), input.Path, e.LineNumber, e.LinePosition));
                return null;
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                diagnostics.Add(WithLine(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, null, input.FileName, format, e.Message), input.Path, (int)e.Start.Line, (int)e.Start.Column));
                return null;
            }
            catch (Newtonsoft.Json.JsonSerializationException e)
            {
                // Valid JSON of the wrong shape (an array, a string where an object belongs) or cut short.
                diagnostics.Add(WithLine(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpec, null, input.FileName, format, TrimPosition(e.Message)), input.Path, e.LineNumber, e.LinePosition));
                return null;
            }
            catch (ExternalReferenceException e)
            {
                AddUnresolvedReferences(input, isYaml, diagnostics, e.Message);
                return null;
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Could not resolve", StringComparison.Ordinal))
            {
                AddUnresolvedReferences(input, isYaml, diagnostics, e.Message);
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (ComponentReferenceCycles(document, input.FileName) is { Count: > 0 } cycles)
            {
                diagnostics.AddRange(cycles);
                return null;
            }

            return new SchemaReader(document, input, diagnostics, sunsets, cancellationToken).Read();
        }

        /// <summary>
        /// Component schemas whose reference chain never ends in NJsonSchema's terms: besides the plain $ref cycles
        /// <see cref="ReferenceChecks"/> finds on the text, NJsonSchema follows a lone <c>allOf: [$ref]</c> as a reference too.
        /// </summary>
        private static List<DiagnosticInfo> ComponentReferenceCycles(OpenApiDocument document, string fileName)
        {
            var cycles = new List<DiagnosticInfo>();
            foreach (KeyValuePair<string, JsonSchema> component in document.Components?.Schemas ?? new Dictionary<string, JsonSchema>())
            {
                try
                {
                    _ = component.Value.ActualSchema;
                }
                catch (InvalidOperationException e) when (e.Message.IndexOf("Cyclic", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    string pointer = "/components/schemas/" + SpecTextMap.Escape(component.Key);
                    cycles.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceCycle, pointer, fileName, pointer, "'" + component.Key + "' refers back to itself through $ref or a single allOf"));
                }
            }

            return cycles;
        }

        /// <param name="refKeysInText">How many $ref keys the text holds; negative to leave the references to NSwag.</param>
        private static OpenApiDocument Load(SpecInput input, bool isYaml, int refKeysInText, CancellationToken cancellationToken)
        {
            if (isYaml)
            {
                // NSwag's loaders are async only because file and URL references may be fetched; ours refuse
                // both (a generator must not read the disk or the network), so the tasks complete synchronously.
                return OpenApiYamlDocument.FromYamlAsync(input.Text!, input.Path, SchemaType.OpenApi3, document => new LocalOnlyReferenceResolver(document), cancellationToken)
                    .GetAwaiter().GetResult();
            }

            return ReadJson(input.Text!, input.Path, refKeysInText, cancellationToken).Document;
        }

        /// <summary>
        /// The document as NSwag's <see cref="OpenApiDocument.FromJsonAsync(string, string?, SchemaType, Func{OpenApiDocument, JsonReferenceResolver}?, CancellationToken)"/>
        /// reads it, through the same public entry point (the only one that sets NJsonSchema's OpenAPI 3 reading mode) but
        /// with <see cref="DelegateContractResolver"/>. Once the text is deserialized, the resolver factory lets
        /// <see cref="ReferenceLinker"/> link the references and leaves before NJsonSchema's reference pass; when the
        /// linker declines, the factory hands the same document to that pass, so the text is never deserialized twice.
        /// </summary>
        /// <returns>The document, and whether <see cref="ReferenceLinker"/> linked it (else NJsonSchema's pass did).</returns>
        internal static (OpenApiDocument Document, bool Linked) ReadJson(string text, string path, int refKeysInText, CancellationToken cancellationToken)
        {
            OpenApiDocument? linked = null;
            try
            {
                OpenApiDocument resolved = NJsonSchema.Infrastructure.JsonSchemaSerialization.FromJsonAsync<OpenApiDocument>(
                    text,
                    SchemaType.OpenApi3,
                    path,
                    document =>
                    {
                        document.SchemaType = SchemaType.OpenApi3;
                        if (refKeysInText >= 0 && ReferenceLinker.TryLink(document, refKeysInText))
                        {
                            linked = document;
                            throw new DocumentLinkedException();
                        }

                        return new LocalOnlyReferenceResolver(document);
                    },
                    DelegateContractResolver.OpenApi3,
                    cancellationToken).GetAwaiter().GetResult();
                return (resolved, false);
            }
            catch (DocumentLinkedException)
            {
                return (linked!, true);
            }
        }

        private static void AddUnresolvedReferences(SpecInput input, bool isYaml, List<DiagnosticInfo> diagnostics, string message)
        {
            int before = diagnostics.Count;

            // Parses the text a second time (NSwag keeps no positions); only on this error path.
            if (SpecTextMap.TryCreate(input.Path, input.Text!, isYaml) is { } map)
            {
                foreach ((string pointer, string reference) in map.FindUnresolvedReferences())
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedReference, pointer, input.FileName, reference, pointer));
                }
            }

            if (diagnostics.Count == before)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnresolvedReference, null, input.FileName, message, "(unknown)"));
            }
        }

        private static string TrimPosition(string message)
        {
            int index = message.IndexOf(" Path '", StringComparison.Ordinal);
            return (index > 0 ? message.Substring(0, index) : message).TrimEnd('.');
        }

        private static DiagnosticInfo WithLine(DiagnosticInfo info, string path, int oneBasedLine, int oneBasedColumn) =>
            info with { Location = new LocationInfo(path, Math.Max(0, oneBasedLine - 1), Math.Max(0, oneBasedColumn - 1)) };

        /// <summary>Resolves every diagnostic's JSON pointer to a line and column in the spec file (reading the text again only if one needs it).</summary>
        private static ImmutableEquatableArray<DiagnosticInfo> Locate(SpecInput input, bool isYaml, List<DiagnosticInfo> diagnostics)
        {
            var pointers = new List<string>();
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                if (diagnostic.Location is null && diagnostic.JsonPointer is { } pointer)
                {
                    pointers.Add(pointer);
                }
            }

            IReadOnlyDictionary<string, LocationInfo>? positions = pointers.Count > 0 && input.Text is not null
                ? SpecTextMap.TryLocateAll(input.Path, input.Text, isYaml, pointers)
                : null;
            var located = new List<DiagnosticInfo>(diagnostics.Count);
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                if (diagnostic.Anchor is not null)
                {
                    // About project metadata or a property: the project file's map locates it, in a later step.
                    located.Add(diagnostic);
                    continue;
                }

                LocationInfo? location = diagnostic.Location
                    ?? (diagnostic.JsonPointer is { } pointer && positions is not null && positions.TryGetValue(pointer, out LocationInfo? position) ? position : null)
                    ?? (input.Text is null ? null : new LocationInfo(input.Path, 0, 0));
                located.Add(diagnostic with { Location = location });
            }

            return located.ToImmutableEquatableArray();
        }

        /// <summary>Ends NSwag's load once <see cref="ReferenceLinker"/> has linked the document; see <see cref="ReadJson"/>.</summary>
        private sealed class DocumentLinkedException : Exception
        {
        }

        private sealed class ExternalReferenceException : Exception
        {
            public ExternalReferenceException(string reference)
                : base("External references are not read: " + reference) => Reference = reference;

            public string Reference { get; }
        }

        private sealed class LocalOnlyReferenceResolver : JsonReferenceResolver
        {
            public LocalOnlyReferenceResolver(OpenApiDocument document)
                : base(new JsonSchemaAppender(document, new DefaultTypeNameGenerator()))
            {
            }

            public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
                throw new ExternalReferenceException(filePath);

            public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
                throw new ExternalReferenceException(url);
        }
    }
}
