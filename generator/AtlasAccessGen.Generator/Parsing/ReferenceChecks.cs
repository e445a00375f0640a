using System;
using System.Collections.Generic;
using System.Linq;
using AtlasAccessGen.Generator.Diagnostics;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Checks the spec's local <c>$ref</c>s on the text, before NSwag resolves them: a reference must point at an
    /// object of its own kind (NSwag casts what it finds, so a parameter pointing at a schema throws), and a chain of
    /// references must end in a real object (NJsonSchema's <c>ActualSchema</c> throws on a cycle).
    /// </summary>
    internal static class ReferenceChecks
    {
        /// <summary>What an object at a position of an OpenAPI 3 document is; the referenceable kinds are the first five.</summary>
        internal enum ObjectKind
        {
            Unknown,
            Schema,
            Parameter,
            RequestBody,
            Response,
            Header,
            Document,
            Paths,
            PathItem,
            Operation,
            Components,
            SchemaMap,
            SchemaList,
            ParameterList,
            ParameterMap,
            RequestBodyMap,
            Responses,
            ResponseMap,
            HeaderMap,
            ContentMap,
            MediaType,
        }

        private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        public static IEnumerable<DiagnosticInfo> Check(string path, string fileName, IReadOnlyList<ReferenceSite> references)
        {
            // The whole API has 8,455 $refs to about a thousand targets: each target is split and judged once.
            var targets = new Dictionary<string, (string Pointer, ObjectKind Kind)>(StringComparer.Ordinal);
            foreach (ReferenceSite site in references)
            {
                if (WrongKind(site, targets) is { } problem)
                {
                    yield return At(DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceToWrongKind, site.OwnerPointer + "/$ref", fileName, site.Target, site.OwnerPointer + "/$ref", problem.Found, problem.Expected, ComponentsSection(problem.ExpectedKind)), path, site);
                }
            }

            foreach (DiagnosticInfo cycle in Cycles(path, fileName, references, targets))
            {
                yield return cycle;
            }
        }

        /// <summary>An escaped JSON pointer ("/a/b~1c") from unescaped segments.</summary>
        public static string ToPointer(IEnumerable<string> segments)
        {
            var builder = new System.Text.StringBuilder();
            foreach (string segment in segments)
            {
                builder.Append('/').Append(SpecTextMap.Escape(segment));
            }

            return builder.ToString();
        }

        /// <summary>The kind of object the document holds at <paramref name="segments"/>, following the OpenAPI 3 layout; Unknown off it (examples, extensions).</summary>
        internal static ObjectKind KindAt(IReadOnlyList<string> segments)
        {
            ObjectKind kind = ObjectKind.Document;
            foreach (string segment in segments)
            {
                kind = (kind, segment) switch
                {
                    (ObjectKind.Document, "paths") => ObjectKind.Paths,
                    (ObjectKind.Document, "components") => ObjectKind.Components,
                    (ObjectKind.Paths, _) => ObjectKind.PathItem,
                    (ObjectKind.PathItem or ObjectKind.Operation, "parameters") => ObjectKind.ParameterList,
                    (ObjectKind.PathItem, _) when HttpMethods.Contains(segment) => ObjectKind.Operation,
                    (ObjectKind.Operation, "requestBody") => ObjectKind.RequestBody,
                    (ObjectKind.Operation, "responses") => ObjectKind.Responses,
                    (ObjectKind.ParameterList or ObjectKind.ParameterMap, _) => ObjectKind.Parameter,
                    (ObjectKind.Parameter or ObjectKind.Header or ObjectKind.MediaType, "schema") => ObjectKind.Schema,
                    (ObjectKind.Parameter or ObjectKind.Header or ObjectKind.RequestBody or ObjectKind.Response, "content") => ObjectKind.ContentMap,
                    (ObjectKind.Responses or ObjectKind.ResponseMap, _) => ObjectKind.Response,
                    (ObjectKind.Response, "headers") => ObjectKind.HeaderMap,
                    (ObjectKind.ContentMap, _) => ObjectKind.MediaType,
                    (ObjectKind.HeaderMap, _) => ObjectKind.Header,
                    (ObjectKind.RequestBodyMap, _) => ObjectKind.RequestBody,
                    (ObjectKind.Components, "schemas") => ObjectKind.SchemaMap,
                    (ObjectKind.Components, "parameters") => ObjectKind.ParameterMap,
                    (ObjectKind.Components, "responses") => ObjectKind.ResponseMap,
                    (ObjectKind.Components, "requestBodies") => ObjectKind.RequestBodyMap,
                    (ObjectKind.Components, "headers") => ObjectKind.HeaderMap,
                    (ObjectKind.SchemaMap or ObjectKind.SchemaList, _) => ObjectKind.Schema,
                    (ObjectKind.Schema, "properties") => ObjectKind.SchemaMap,
                    (ObjectKind.Schema, "items" or "additionalProperties" or "not") => ObjectKind.Schema,
                    (ObjectKind.Schema, "allOf" or "oneOf" or "anyOf") => ObjectKind.SchemaList,
                    _ => ObjectKind.Unknown,
                };

                if (kind == ObjectKind.Unknown)
                {
                    break;
                }
            }

            return kind;
        }

        private static bool IsReferenceable(ObjectKind kind) => kind is ObjectKind.Schema or ObjectKind.Parameter or ObjectKind.RequestBody or ObjectKind.Response or ObjectKind.Header;

        /// <summary>A local reference from a referenceable object to a known position of another kind; null when fine or not judged.</summary>
        /// <summary>A local target, split once: its normalized (escaped) pointer and the kind of object it names.</summary>
        private static (string Pointer, ObjectKind Kind) Target(string target, Dictionary<string, (string Pointer, ObjectKind Kind)> targets)
        {
            if (!targets.TryGetValue(target, out (string Pointer, ObjectKind Kind) known))
            {
                List<string> segments = SpecTextMap.SplitPointer(target);
                targets[target] = known = (ToPointer(segments), KindAt(segments));
            }

            return known;
        }

        private static (string Found, string Expected, ObjectKind ExpectedKind)? WrongKind(ReferenceSite site, Dictionary<string, (string Pointer, ObjectKind Kind)> targets)
        {
            if (!site.Target.StartsWith("#", StringComparison.Ordinal))
            {
                return null;
            }

            ObjectKind expected = KindAt(site.OwnerSegments);
            if (!IsReferenceable(expected))
            {
                return null;
            }

            ObjectKind found = Target(site.Target, targets).Kind;
            return found == expected || found == ObjectKind.Unknown ? null : (Describe(found), Describe(expected), expected);
        }

        private static string Describe(ObjectKind kind) => kind switch
        {
            ObjectKind.Schema => "a schema",
            ObjectKind.Parameter => "a parameter",
            ObjectKind.RequestBody => "a request body",
            ObjectKind.Response => "a response",
            ObjectKind.Header => "a header",
            ObjectKind.Document => "the whole document",
            _ => "a map of objects ('" + kind + "'), not one object",
        };

        private static string ComponentsSection(ObjectKind kind) => kind switch
        {
            ObjectKind.Schema => "schemas",
            ObjectKind.Parameter => "parameters",
            ObjectKind.RequestBody => "requestBodies",
            ObjectKind.Response => "responses",
            _ => "headers",
        };

        /// <summary>
        /// Chains of objects that are nothing but a <c>$ref</c> to the next and come back to where they started. Each
        /// cycle is reported once, at the member that comes first in the text.
        /// </summary>
        private static IEnumerable<DiagnosticInfo> Cycles(string path, string fileName, IReadOnlyList<ReferenceSite> references, Dictionary<string, (string Pointer, ObjectKind Kind)> targets)
        {
            var targetOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var siteOf = new Dictionary<string, ReferenceSite>(StringComparer.Ordinal);
            foreach (ReferenceSite site in references)
            {
                // Only OpenAPI objects: a "$ref" key inside an example or an extension is data, never resolved.
                if (site.Target.StartsWith("#", StringComparison.Ordinal) && !targetOf.ContainsKey(site.OwnerPointer) && IsReferenceable(KindAt(site.OwnerSegments)))
                {
                    targetOf[site.OwnerPointer] = Target(site.Target, targets).Pointer;
                    siteOf[site.OwnerPointer] = site;
                }
            }

            // Each object is walked once: 'done' holds those whose chain is known (ends, or its cycle is reported).
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (ReferenceSite site in references)
            {
                if (done.Contains(site.OwnerPointer) || !targetOf.ContainsKey(site.OwnerPointer))
                {
                    continue;
                }

                var chain = new List<string>();
                var onChain = new HashSet<string>(StringComparer.Ordinal);
                string? current = site.OwnerPointer;
                while (current is not null && !done.Contains(current) && targetOf.TryGetValue(current, out string? next) && onChain.Add(current))
                {
                    chain.Add(current);
                    current = next;
                }

                done.UnionWith(chain);

                // The chain stopped because it came back to an object already on it: the part from there on is a cycle.
                if (current is null || !onChain.Contains(current))
                {
                    continue;
                }

                int start = chain.IndexOf(current);
                List<string> cycle = chain.GetRange(start, chain.Count - start);
                ReferenceSite first = cycle.Select(member => siteOf[member]).OrderBy(s => s.Line).ThenBy(s => s.Column).First();
                int firstIndex = cycle.IndexOf(first.OwnerPointer);
                string members = string.Join(" -> ", cycle.Skip(firstIndex).Concat(cycle.Take(firstIndex)).Concat(new[] { first.OwnerPointer }).Select(member => "#" + member));
                yield return At(DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceCycle, first.OwnerPointer + "/$ref", fileName, first.OwnerPointer + "/$ref", members), path, first);
            }
        }

        private static DiagnosticInfo At(DiagnosticInfo info, string path, ReferenceSite site) =>
            info with { Location = new LocationInfo(path, site.Line, site.Column) };
    }
}
