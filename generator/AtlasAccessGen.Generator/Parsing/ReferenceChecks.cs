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
            // The whole API has 8,455 $refs to about a thousand targets: each target is split and judged once, and each
            // site's own kind is found once (Unknown for a non-local target, which neither check judges).
            var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
            var ownerKinds = new ObjectKind[references.Count];
            for (int i = 0; i < references.Count; i++)
            {
                ReferenceSite site = references[i];
                ownerKinds[i] = site.Target.StartsWith("#", StringComparison.Ordinal) ? KindAt(site.OwnerSegments) : ObjectKind.Unknown;
                if (WrongKind(site, ownerKinds[i], targets) is { } problem)
                {
                    yield return At(DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceToWrongKind, site.OwnerPointer + "/$ref", fileName, site.Target, site.OwnerPointer + "/$ref", problem.Found, problem.Expected, ComponentsSection(problem.ExpectedKind)), path, site);
                }
            }

            foreach (DiagnosticInfo cycle in Cycles(path, fileName, references, ownerKinds, targets))
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

        /// <summary>A local target, split once: its normalized (escaped) pointer and the kind of object it names.</summary>
        private sealed record Target(string Pointer, ObjectKind Kind);

        private static Target TargetOf(string target, Dictionary<string, Target> targets)
        {
            if (!targets.TryGetValue(target, out Target? known))
            {
                List<string> segments = SpecTextMap.SplitPointer(target);
                targets[target] = known = new Target(ToPointer(segments), KindAt(segments));
            }

            return known;
        }

        /// <summary>A local reference from a referenceable object (<paramref name="expected"/>: its kind) to a known position of another kind; null when fine or not judged.</summary>
        private static (string Found, string Expected, ObjectKind ExpectedKind)? WrongKind(ReferenceSite site, ObjectKind expected, Dictionary<string, Target> targets)
        {
            if (!IsReferenceable(expected))
            {
                return null;
            }

            ObjectKind found = TargetOf(site.Target, targets).Kind;
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
        private static IEnumerable<DiagnosticInfo> Cycles(string path, string fileName, IReadOnlyList<ReferenceSite> references, ObjectKind[] ownerKinds, Dictionary<string, Target> targets)
        {
            // Each object that is a local $ref gets a number (the first site of its pointer gives its target), so the
            // walk below follows numbers, not pointers.
            var numberOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var members = new List<ReferenceSite>();
            for (int i = 0; i < references.Count; i++)
            {
                // Only OpenAPI objects: a "$ref" key inside an example or an extension is data, never resolved.
                if (IsReferenceable(ownerKinds[i]) && !numberOf.ContainsKey(references[i].OwnerPointer))
                {
                    numberOf[references[i].OwnerPointer] = members.Count;
                    members.Add(references[i]);
                }
            }

            var next = new int[members.Count];
            for (int member = 0; member < members.Count; member++)
            {
                next[member] = numberOf.TryGetValue(TargetOf(members[member].Target, targets).Pointer, out int target) ? target : -1;
            }

            // Each object is walked once: Done once its chain is known (ends, or its cycle is reported).
            var state = new WalkState[members.Count];
            var chain = new List<int>();
            foreach (ReferenceSite site in references)
            {
                if (!numberOf.TryGetValue(site.OwnerPointer, out int current) || state[current] == WalkState.Done)
                {
                    continue;
                }

                chain.Clear();
                while (current >= 0 && state[current] == WalkState.Unseen)
                {
                    state[current] = WalkState.OnChain;
                    chain.Add(current);
                    current = next[current];
                }

                // The chain stopped because it came back to an object already on it: the part from there on is a cycle.
                bool cycled = current >= 0 && state[current] == WalkState.OnChain;
                foreach (int member in chain)
                {
                    state[member] = WalkState.Done;
                }

                if (!cycled)
                {
                    continue;
                }

                int start = chain.IndexOf(current);
                List<ReferenceSite> cycle = chain.GetRange(start, chain.Count - start).Select(member => members[member]).ToList();
                ReferenceSite first = cycle.OrderBy(s => s.Line).ThenBy(s => s.Column).First();
                int firstIndex = cycle.IndexOf(first);
                string chainText = string.Join(" -> ", cycle.Skip(firstIndex).Concat(cycle.Take(firstIndex)).Append(first).Select(member => "#" + member.OwnerPointer));
                yield return At(DiagnosticInfo.Create(DiagnosticDescriptors.ReferenceCycle, first.OwnerPointer + "/$ref", fileName, first.OwnerPointer + "/$ref", chainText), path, first);
            }
        }

        private enum WalkState : byte
        {
            Unseen,
            OnChain,
            Done,
        }

        private static DiagnosticInfo At(DiagnosticInfo info, string path, ReferenceSite site) =>
            info with { Location = new LocationInfo(path, site.Line, site.Column) };
    }
}
