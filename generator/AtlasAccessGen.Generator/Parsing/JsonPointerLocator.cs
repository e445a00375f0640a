using System;
using System.Collections.Generic;
using System.IO;
using AtlasAccessGen.Generator.Diagnostics;
using Newtonsoft.Json;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Locates many JSON pointers in one streaming pass over the text, with the positions a
    /// <see cref="Newtonsoft.Json.Linq.JToken"/> tree loaded with line info would give (see
    /// <see cref="SpecTextMap.Locate"/>): a property's name for an object member, the value's first token
    /// for an array element or the root. Only the nodes on the pointers' paths are kept, so locating a
    /// few dozen diagnostics costs a fraction of the time and memory of a tree of the whole spec.
    /// </summary>
    internal static class JsonPointerLocator
    {
        /// <summary>Each pointer's position (the deepest node on its path that exists). Throws <see cref="JsonException"/> for unreadable text.</summary>
        public static Dictionary<string, LocationInfo> Locate(string path, string text, IEnumerable<string> pointers)
        {
            var root = new PathNode();
            var segmentsByPointer = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (string pointer in pointers)
            {
                if (!segmentsByPointer.ContainsKey(pointer))
                {
                    List<string> segments = SpecTextMap.SplitPointer(pointer);
                    segmentsByPointer[pointer] = segments;
                    root.Add(segments);
                }
            }

            Scan(text, root);
            var located = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, List<string>> entry in segmentsByPointer)
            {
                PathNode node = root;
                foreach (string segment in entry.Value)
                {
                    if (!node.Children.TryGetValue(segment, out PathNode? child) || child.Line is null)
                    {
                        break;
                    }

                    node = child;
                }

                located[entry.Key] = new LocationInfo(path, Math.Max(0, node.Line!.Value - 1), Math.Max(0, node.Column - 1));
            }

            return located;
        }

        /// <summary>Reads the root value (and nothing after it, as JToken.ReadFrom does), marking the position of every path node it meets.</summary>
        private static void Scan(string text, PathNode root)
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            var frames = new List<Frame>();
            List<PathNode>? propertyNodes = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        propertyNodes = Mark(frames[frames.Count - 1].Nodes, (string)reader.Value!, reader);
                        continue;
                    case JsonToken.EndObject:
                    case JsonToken.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        if (frames.Count == 0)
                        {
                            return;
                        }

                        continue;
                }

                // A value or the start of a container: the root, an array element, or the value of the last property.
                List<PathNode>? nodes;
                if (frames.Count == 0)
                {
                    root.MarkAt(reader);
                    nodes = new List<PathNode> { root };
                }
                else if (frames[frames.Count - 1].IsArray)
                {
                    Frame array = frames[frames.Count - 1];
                    frames[frames.Count - 1] = new Frame(array.Nodes, isArray: true, array.NextIndex + 1);
                    nodes = Mark(array.Nodes, array.NextIndex, reader);
                }
                else
                {
                    nodes = propertyNodes;
                    propertyNodes = null;
                }

                if (reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
                {
                    frames.Add(new Frame(nodes, reader.TokenType == JsonToken.StartArray, 0));
                }
                else if (frames.Count == 0)
                {
                    return;
                }
            }

            if (frames.Count > 0 || root.Line is null)
            {
                throw new JsonReaderException("The text ended before its root value did.");
            }
        }

        private static List<PathNode>? Mark(List<PathNode>? parents, string propertyName, JsonTextReader reader)
        {
            List<PathNode>? marked = null;
            foreach (PathNode parent in parents ?? (IEnumerable<PathNode>)Array.Empty<PathNode>())
            {
                if (parent.Children.TryGetValue(propertyName, out PathNode? child))
                {
                    child.MarkAt(reader);
                    (marked ??= new List<PathNode>()).Add(child);
                }
            }

            return marked;
        }

        /// <summary>An array element matches every child segment that JToken's lookup would read as its index.</summary>
        private static List<PathNode>? Mark(List<PathNode>? parents, int index, JsonTextReader reader)
        {
            List<PathNode>? marked = null;
            foreach (PathNode parent in parents ?? (IEnumerable<PathNode>)Array.Empty<PathNode>())
            {
                foreach (KeyValuePair<string, PathNode> child in parent.Children)
                {
                    if (int.TryParse(child.Key, out int childIndex) && childIndex == index)
                    {
                        child.Value.MarkAt(reader);
                        (marked ??= new List<PathNode>()).Add(child.Value);
                    }
                }
            }

            return marked;
        }

        /// <summary>One open object or array: the path nodes it stands for (none when off every path) and, in an array, the next element's index.</summary>
        private readonly struct Frame
        {
            public Frame(List<PathNode>? nodes, bool isArray, int nextIndex)
            {
                Nodes = nodes;
                IsArray = isArray;
                NextIndex = nextIndex;
            }

            public List<PathNode>? Nodes { get; }

            public bool IsArray { get; }

            public int NextIndex { get; }
        }

        /// <summary>A node of the pointers' path tree, with the 1-based line info Json.NET gave it (null: not in the text).</summary>
        private sealed class PathNode
        {
            public Dictionary<string, PathNode> Children { get; } = new Dictionary<string, PathNode>(StringComparer.Ordinal);

            public int? Line { get; private set; }

            public int Column { get; private set; }

            public void Add(List<string> segments)
            {
                PathNode node = this;
                foreach (string segment in segments)
                {
                    if (!node.Children.TryGetValue(segment, out PathNode? child))
                    {
                        node.Children[segment] = child = new PathNode();
                    }

                    node = child;
                }
            }

            /// <summary>Records the reader's position; a repeated property replaces the earlier one whole, as in a JObject, so the subtree is forgotten.</summary>
            public void MarkAt(IJsonLineInfo position)
            {
                Forget();
                Line = position.LineNumber;
                Column = position.LinePosition;
            }

            private void Forget()
            {
                Line = null;
                foreach (PathNode child in Children.Values)
                {
                    child.Forget();
                }
            }
        }
    }
}
