using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        private const string AdditionalProperties = "global::AtlasAccessGen.Runtime.AtlasAdditionalProperties";
        private const int NamesPerLine = 4;

        private void WriteObject(SourceWriter writer, ObjectModel model)
        {
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            WriteClass(writer, model);
            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteLine($"namespace {_serializationNs}");
            writer.OpenBrace();
            if (model.IsAbstract)
            {
                WritePolymorphicConverter(writer, model);
            }
            else
            {
                WriteObjectConverter(writer, model);
            }

            writer.CloseBrace();
        }

        private void WriteClass(SourceWriter writer, ObjectModel model)
        {
            if (model.UnknownVariantOf is { } variantOf)
            {
                writer.WriteLine("/// <summary>");
                writer.WriteLine("/// A <see cref=\"" + Global(variantOf) + "\"/> whose <c>" + XmlDoc(model.DiscriminatorValues!.JsonName)
                    + "</c> this client does not know, as a newer server may send. It keeps the whole JSON object in <see cref=\"RawJson\"/> and writes it back unchanged.");
                writer.WriteLine("/// </summary>");
            }
            else
            {
                WriteSummary(writer, model.Description, "The <c>" + model.Name + "</c> schema.");
            }

            string modifiers = model.IsAbstract ? "abstract " : model.IsSealed ? "sealed " : string.Empty;
            var bases = new List<string>();
            if (model.BaseName is not null)
            {
                bases.Add(Global(model.BaseName));
            }

            _pages.TryGetValue(model.Name, out PageModel? page);
            if (page is not null)
            {
                bases.Add(PageInterface(page));
            }

            _links.TryGetValue(model.Name, out LinkModel? link);
            if (link is not null)
            {
                bases.Add(Paging + "IAtlasLink");
            }

            writer.WriteLine($"public {modifiers}partial class {model.Name}{(bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases))}");
            writer.OpenBrace();
            bool first = true;
            foreach (string member in ClassMembers(model).Concat(PagingMembers(page, link)))
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                writer.WriteBlock(member);
                first = false;
            }

            writer.CloseBrace();
        }

        private IEnumerable<string> ClassMembers(ObjectModel model)
        {
            if (model.Discriminator is { } discriminator)
            {
                string type = TypeName(discriminator.Type);
                yield return "/// <summary>Creates the part common to every variant; <paramref name=\"" + Camel(discriminator.PropertyName) + "\"/> says which variant it is.</summary>\n"
                    + "protected " + model.Name + "(" + type + " " + Camel(discriminator.PropertyName) + ")\n{\n    " + discriminator.PropertyName + " = " + Camel(discriminator.PropertyName) + ";\n}";
                yield return DocComment(discriminator.Description, "The <c>" + XmlDoc(discriminator.JsonName) + "</c> discriminator.")
                    + "/// <remarks>Selects the variant: each derived class has its own value, and it is written exactly once.</remarks>\n"
                    + "public " + type + " " + discriminator.PropertyName + " { get; internal set; }";
            }

            if (model.BaseName is null && _keepsUnknown)
            {
                // One line: it is in every root class of the whole API.
                yield return "/// <summary>JSON properties the spec does not declare: <see cref=\"" + Global("AtlasJson") + ".Complete\"/> writes them back, <see cref=\"" + Global("AtlasJson") + ".Default\"/> only those set in code.</summary>\n"
                    + "public " + AdditionalProperties + "? AdditionalProperties { get; set; }";
            }

            if (model.DiscriminatorValues is { } values)
            {
                foreach (string constructor in DiscriminatorConstructors(model, values))
                {
                    yield return constructor;
                }
            }

            foreach (PropertyModel property in model.DeclaredProperties)
            {
                string readOnlyNote = property.IsReadOnly ? "/// <remarks>Read-only: the server sets it; it is never written into a request.</remarks>\n" : string.Empty;
                string required = property.IsRequired && !property.IsReadOnly ? "required " : string.Empty;
                string initializer = property.IsRequired && property.IsReadOnly && !property.AllowsNull && !property.Type.IsValueType ? " = default!;" : string.Empty;
                yield return DocComment(property.Description, "The <c>" + XmlDoc(property.JsonName) + "</c> property.") + readOnlyNote
                    + "public " + required + PropertyTypeName(property) + " " + property.Name + " { get; set; }" + initializer;
            }

            if (model.UnknownVariantOf is not null)
            {
                yield return "/// <summary>The whole JSON object as it was read.</summary>\npublic global::System.Text.Json.JsonElement RawJson { get; }";
            }
        }

        private string PageInterface(PageModel page) => Paging + "IAtlasPage<" + TypeName(page.ItemType) + ">";

        /// <summary>The explicit implementations of the runtime's page and link interfaces: the class's own members keep the spec's names and types.</summary>
        private IEnumerable<string> PagingMembers(PageModel? page, LinkModel? link)
        {
            if (page is not null)
            {
                string pageInterface = PageInterface(page);
                yield return "global::System.Collections.Generic.IReadOnlyList<" + TypeName(page.ItemType) + "> " + pageInterface + ".Results => "
                    + Paging + "AtlasPaging.AsReadOnly(" + page.ResultsProperty + ");";
                yield return "long? " + pageInterface + ".TotalCount => " + (page.TotalCountProperty ?? "null") + ";";
                yield return "global::System.Collections.Generic.IReadOnlyList<" + Paging + "IAtlasLink>? " + pageInterface + ".Links => "
                    + (page.LinksProperty is { } links ? links + " is null ? null : " + Paging + "AtlasPaging.AsReadOnly<" + Paging + "IAtlasLink>(" + links + ")" : "null") + ";";
            }

            if (link is not null)
            {
                yield return "string? " + Paging + "IAtlasLink.Rel => " + link.RelProperty + ";";
                yield return "string? " + Paging + "IAtlasLink.Href => " + link.HrefProperty + ";";
            }
        }

        private IEnumerable<string> DiscriminatorConstructors(ObjectModel model, DiscriminatorValueModel values)
        {
            string type = TypeName(values.Type);
            string parameter = Camel(values.PropertyName);
            if (model.UnknownVariantOf is not null)
            {
                yield return "/// <summary>Wraps a variant this client does not know.</summary>\n"
                    + "/// <param name=\"" + parameter + "\">The discriminator value that was read.</param>\n"
                    + "/// <param name=\"rawJson\">The whole JSON object.</param>\n"
                    + "public " + model.Name + "(" + type + " " + parameter + ", global::System.Text.Json.JsonElement rawJson)\n    : base(" + parameter + ")\n{\n    RawJson = rawJson;\n}";
                yield break;
            }

            if (values.Values.Count > 0)
            {
                yield return "/// <summary>Creates the variant with <c>" + XmlDoc(values.JsonName) + "</c> = <c>" + XmlDoc(values.Values[0]) + "</c>.</summary>\n"
                    + "public " + model.Name + "()\n    : base(" + DiscriminatorValueExpression(values.Type, values.Values[0]) + ")\n{\n}";
            }

            if (values.Values.Count != 1 || !model.IsSealed)
            {
                string access = values.Values.Count == 1 ? "protected" : "public";
                string valid = values.Values.Count > 1 ? " one of " + string.Join(", ", values.Values.Select(v => "<c>" + XmlDoc(v) + "</c>")) : string.Empty;
                yield return "/// <summary>Creates the variant with the given <c>" + XmlDoc(values.JsonName) + "</c>" + valid + ".</summary>\n"
                    + "/// <param name=\"" + parameter + "\">The discriminator value.</param>\n"
                    + access + " " + model.Name + "(" + type + " " + parameter + ")\n    : base(" + parameter + ")\n{\n}";
            }
        }

        private static string DocComment(string? description, string fallback)
        {
            var writer = new SourceWriter();
            WriteSummary(writer, description, fallback);
            return writer.ToString();
        }

        private static string Camel(string name)
        {
            string trimmed = name.TrimStart('@');
            string camel = char.ToLowerInvariant(trimmed[0]) + trimmed.Substring(1);
            return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? camel : "@" + camel;
        }

        private void WriteConverterHeader(SourceWriter writer, ObjectModel model, IEnumerable<string> jsonNames)
        {
            string type = Global(model.Name);
            writer.WriteLine($"/// <summary>Reads and writes <see cref=\"{type}\"/> without reflection.</summary>");
            writer.WriteLine($"internal sealed class {model.Name}Converter : global::System.Text.Json.Serialization.JsonConverter<{type}>");
            writer.OpenBrace();
            WriteNamesTable(writer, "s_names", jsonNames.Select(Literal).ToList());

            writer.WriteLine("private readonly bool _writeReadOnly;");
            writer.WriteLine();
            writer.WriteLine("/// <param name=\"writeReadOnly\">Whether to write readOnly properties (false for request bodies).</param>");
            writer.WriteLine($"public {model.Name}Converter(bool writeReadOnly)");
            writer.OpenBrace();
            writer.WriteLine("_writeReadOnly = writeReadOnly;");
            writer.CloseBrace();
            writer.WriteLine();
            WriteConverterOverrides(writer, type, "WriteValue(writer, value, _writeReadOnly)");
        }

        private void WriteDiscriminatorCases(SourceWriter writer, DiscriminatorModel discriminator)
        {
            for (int i = 0; i < discriminator.Cases.Count; i++)
            {
                if (i > 0)
                {
                    writer.WriteLine();
                }

                writer.WriteLine($"if (scan.ValueTextEquals({Utf8Literal(discriminator.Cases[i].Value)}))");
                writer.OpenBrace();
                writer.WriteLine($"return {Converter(discriminator.Cases[i].TypeName)}.ReadValue(ref reader);");
                writer.CloseBrace();
            }
        }

        private void WritePolymorphicConverter(SourceWriter writer, ObjectModel model)
        {
            DiscriminatorModel discriminator = model.Discriminator!;
            WriteConverterHeader(writer, model, System.Array.Empty<string>());
            writer.WriteLine();
            writer.WriteLine($"internal static {Global(model.Name)} ReadValue(ref global::System.Text.Json.Utf8JsonReader reader)");
            writer.OpenBrace();
            writer.WriteLine("AtlasJsonReader.Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject);");
            writer.WriteLine("// A converter always sees its whole value buffered, so a copy of the reader can look ahead for");
            writer.WriteLine("// the discriminator wherever it sits in the object.");
            writer.WriteLine("global::System.Text.Json.Utf8JsonReader scan = reader;");
            string found = "AtlasJsonReader.TryFindProperty(ref scan, " + Utf8Literal(discriminator.JsonName) + ") && scan.TokenType == global::System.Text.Json.JsonTokenType.String";
            if (discriminator.IsRequired)
            {
                // Required: an object without it is invalid, not a variant this client does not know.
                writer.WriteLine($"if (!({found}))");
                writer.OpenBrace();
                writer.WriteLine($"throw AtlasJsonReader.MissingProperty({Literal(model.Name)}, {Literal(discriminator.JsonName)});");
                writer.CloseBrace();
                writer.WriteLine();
                WriteDiscriminatorCases(writer, discriminator);
                writer.WriteLine();
            }
            else
            {
                writer.WriteLine($"if ({found})");
                writer.OpenBrace();
                WriteDiscriminatorCases(writer, discriminator);
                writer.CloseBrace();
                writer.WriteLine();
            }

            writer.WriteLine($"return {Converter(discriminator.UnknownTypeName)}.ReadValue(ref reader);");
            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteLine($"internal static void WriteValue(global::System.Text.Json.Utf8JsonWriter writer, {Global(model.Name)} value, bool writeReadOnly)");
            writer.OpenBrace();
            WriteSubtypeDispatch(writer, model);
            writer.WriteLine($"throw AtlasJsonReader.UnknownSubtype({Literal(model.Name)}, value.GetType());");
            writer.CloseBrace();
            writer.CloseBrace();
        }

        /// <summary>Writes a derived instance through its own converter, deepest types first so none is shadowed.</summary>
        private void WriteSubtypeDispatch(SourceWriter writer, ObjectModel model)
        {
            List<ObjectModel> descendants = Descendants(model).OrderByDescending(Depth).ThenBy(d => d.Name, System.StringComparer.Ordinal).ToList();
            if (descendants.Count == 0)
            {
                return;
            }

            writer.WriteLine("switch (value)");
            writer.OpenBrace();
            foreach (ObjectModel descendant in descendants)
            {
                writer.WriteLine($"case {Global(descendant.Name)} derived:");
                writer.Indent();
                writer.WriteLine($"{Converter(descendant.Name)}.WriteValue(writer, derived, writeReadOnly);");
                writer.WriteLine("return;");
                writer.Unindent();
            }

            writer.CloseBrace();
            writer.WriteLine();
        }

        private IEnumerable<ObjectModel> Descendants(ObjectModel model)
        {
            if (!_children.TryGetValue(model.Name, out List<ObjectModel>? children))
            {
                yield break;
            }

            foreach (ObjectModel child in children)
            {
                yield return child;
                foreach (ObjectModel deeper in Descendants(child))
                {
                    yield return deeper;
                }
            }
        }

        private int Depth(ObjectModel model)
        {
            int depth = 0;
            for (ObjectModel? current = model; current?.BaseName is { } baseName && depth < 64; current = _objects.TryGetValue(baseName, out ObjectModel? next) ? next : null)
            {
                depth++;
            }

            return depth;
        }

        private void WriteObjectConverter(SourceWriter writer, ObjectModel model)
        {
            DiscriminatorValueModel? discriminator = model.DiscriminatorValues;
            var properties = model.AllProperties;
            var jsonNames = properties.Select(p => p.JsonName).ToList();
            if (discriminator is not null)
            {
                jsonNames.Add(discriminator.JsonName);
            }

            string discriminatorName = Name(properties.Count);
            WriteConverterHeader(writer, model, jsonNames);
            writer.WriteLine();
            WriteObjectRead(writer, model, discriminator);
            writer.WriteLine();
            writer.WriteLine($"internal static void WriteValue(global::System.Text.Json.Utf8JsonWriter writer, {Global(model.Name)} value, bool writeReadOnly)");
            writer.OpenBrace();
            WriteSubtypeDispatch(writer, model);
            if (model.UnknownVariantOf is not null)
            {
                writer.WriteLine("if (value.RawJson.ValueKind == global::System.Text.Json.JsonValueKind.Object)");
                writer.OpenBrace();
                writer.WriteLine("value.RawJson.WriteTo(writer);");
                writer.WriteLine("return;");
                writer.CloseBrace();
                writer.WriteLine();
            }

            writer.WriteLine("writer.WriteStartObject();");
            if (discriminator is not null)
            {
                string write = PresentValueStatement(discriminator.Type, discriminatorName, "value." + discriminator.PropertyName);
                writer.WriteLine(discriminator.IsReadOnly ? "if (writeReadOnly) { " + write + " }" : write);
            }

            for (int i = 0; i < properties.Count; i++)
            {
                writer.WriteLine(PropertyWriteLine(properties[i], Name(i), "p" + i.ToString(CultureInfo.InvariantCulture)));
            }

            if (_keepsUnknown)
            {
                writer.WriteLine(AdditionalProperties + ".Write(writer, value.AdditionalProperties, writeReadOnly);");
            }

            writer.WriteLine("writer.WriteEndObject();");
            writer.CloseBrace();
            writer.CloseBrace();
        }

        /// <summary>The expression for the encoded JSON name of the converter's <paramref name="index"/>th property.</summary>
        private static string Name(int index) => "s_names[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        /// <summary>
        /// A converter's JSON names, or an enum's values, as one <c>AtlasJsonNames</c> table: a name is matched by its
        /// index (one <c>switch</c> in the read loop) and written pre-encoded.
        /// </summary>
        private static void WriteNamesTable(SourceWriter writer, string field, IReadOnlyList<string> literals, string access = "private")
        {
            if (literals.Count == 0)
            {
                return;
            }

            if (literals.Count <= NamesPerLine)
            {
                writer.WriteLine($"{access} static readonly AtlasJsonNames {field} = new AtlasJsonNames({string.Join(", ", literals)});");
                return;
            }

            writer.WriteLine($"{access} static readonly AtlasJsonNames {field} = new AtlasJsonNames(");
            writer.Indent();
            for (int i = 0; i < literals.Count; i += NamesPerLine)
            {
                bool last = i + NamesPerLine >= literals.Count;
                writer.WriteLine(string.Join(", ", literals.Skip(i).Take(NamesPerLine)) + (last ? ");" : ","));
            }

            writer.Unindent();
        }

        /// <summary>
        /// The one line that writes a property: a value type that cannot be null always; anything else when it is set,
        /// and as <c>null</c> when the spec requires it; readOnly properties only when <c>writeReadOnly</c>.
        /// </summary>
        private string PropertyWriteLine(PropertyModel property, string name, string local)
        {
            string get = "value." + property.Name;
            string line;
            if (!property.AllowsNull && property.Type.IsValueType)
            {
                line = PresentValueStatement(property.Type, name, get);
            }
            else if (OptionalValueStatement(property.Type, name, get) is { } optional)
            {
                line = property.IsRequired ? $"if ({get} is null) {{ writer.WriteNull({name}); }} else {{ {optional} }}" : optional;
            }
            else
            {
                // An object: its converter takes it non-null.
                string present = $"if ({get} is {{ }} {local}) {{ {PresentValueStatement(property.Type, name, local)} }}";
                line = property.IsRequired ? present + $" else {{ writer.WriteNull({name}); }}" : present;
            }

            return property.IsReadOnly ? "if (writeReadOnly) { " + line + " }" : line;
        }

        /// <summary>The statement that writes a named value that is not null.</summary>
        private string PresentValueStatement(TypeRef type, string name, string value) => type.Kind switch
        {
            TypeKind.String or TypeKind.Guid => $"writer.WriteString({name}, {value});",
            TypeKind.Enum => $"writer.WriteString({name}, {value}.Value);",
            TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single => $"writer.WriteNumber({name}, {value});",
            TypeKind.Boolean => $"writer.WriteBoolean({name}, {value});",
            TypeKind.DateTimeOffset => _keepsUnknown
                ? $"{AdditionalProperties}.WriteDateTime(writer, {name}, {value}, value.AdditionalProperties);"
                : $"AtlasJsonWriter.DateTimeOffset(writer, {name}, {value});",
            TypeKind.Json => $"writer.WritePropertyName({name}); {value}.WriteTo(writer);",
            TypeKind.Object => $"writer.WritePropertyName({name}); {Converter(type.Name!)}.WriteValue(writer, {value}, writeReadOnly);",
            _ => throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, "Arrays and maps are never value types: OptionalValueStatement writes them."),
        };

        /// <summary>The statement that writes a named value when it is not null (an <c>AtlasJsonWriter</c> call); null for objects.</summary>
        private string? OptionalValueStatement(TypeRef type, string name, string value) => type.Kind switch
        {
            TypeKind.Enum => $"AtlasJsonWriter.String(writer, {name}, {value}?.Value);",
            TypeKind.DateTimeOffset when _keepsUnknown => $"AtlasJsonWriter.DateTimeOffset(writer, {name}, {value}, value.AdditionalProperties);",
            TypeKind.Array => $"AtlasJsonWriter.List<{TypeName(type.Item!)}>(writer, {name}, {value}, {ItemWriter(type.Item!)}, writeReadOnly);",
            TypeKind.Map => $"AtlasJsonWriter.Map<{TypeName(type.Item!)}>(writer, {name}, {value}, {ItemWriter(type.Item!)}, writeReadOnly);",
            TypeKind.Object => null,
            _ => $"AtlasJsonWriter.{type.Kind}(writer, {name}, {value});",
        };

        private void WriteObjectRead(SourceWriter writer, ObjectModel model, DiscriminatorValueModel? discriminator)
        {
            var properties = model.AllProperties;
            // Every variant reads its discriminator: one read from an array of a single variant may hold another value, kept as read.
            bool readsDiscriminator = discriminator is not null;
            bool discriminatorByConstructor = discriminator is not null && (discriminator.Values.Count != 1 || model.UnknownVariantOf is not null);
            writer.WriteLine($"internal static {Global(model.Name)} ReadValue(ref global::System.Text.Json.Utf8JsonReader reader)");
            writer.OpenBrace();
            writer.WriteLine("AtlasJsonReader.Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject);");
            if (model.UnknownVariantOf is not null)
            {
                writer.WriteLine("global::System.Text.Json.Utf8JsonReader copy = reader;");
                writer.WriteLine("global::System.Text.Json.JsonElement rawJson = global::System.Text.Json.JsonElement.ParseValue(ref copy);");
            }

            if (readsDiscriminator)
            {
                writer.WriteLine($"{TypeName(discriminator!.Type)} discriminator = {(discriminator.Values.Count > 0 ? DiscriminatorValueExpression(discriminator.Type, discriminator.Values[0]) : discriminator.Type.Kind == TypeKind.Enum ? "default" : "string.Empty")};");
            }

            // A required discriminator must be present even where the type already says which value it holds.
            bool checksDiscriminator = discriminator is { IsRequired: true } && model.UnknownVariantOf is null;
            if (checksDiscriminator)
            {
                writer.WriteLine("bool hasDiscriminator = false;");
            }

            if (_keepsUnknown)
            {
                writer.WriteLine(AdditionalProperties + "? additional = null;");
            }

            for (int i = 0; i < properties.Count; i++)
            {
                string index = i.ToString(CultureInfo.InvariantCulture);
                writer.WriteLine($"{TypeName(properties[i].Type)}? v{index} = default;");
                if (properties[i].IsRequired)
                {
                    writer.WriteLine($"bool has{index} = false;");
                }
            }

            bool hasNames = properties.Count > 0 || discriminator is not null;
            if (hasNames)
            {
                writer.WriteLine("int next = 0;");
            }

            writer.WriteLine("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)");
            writer.OpenBrace();
            if (hasNames)
            {
                writer.WriteLine("switch (s_names.IndexOf(ref reader, ref next))");
                writer.OpenBrace();
            }

            for (int i = 0; i < properties.Count; i++)
            {
                PropertyModel property = properties[i];
                string index = i.ToString(CultureInfo.InvariantCulture);
                string readExpression = property.Type.Kind == TypeKind.DateTimeOffset && _keepsUnknown
                    ? $"{AdditionalProperties}.ReadDateTime(ref reader, ref additional, {Name(i)})"
                    : ReadExpression(property.Type);

                // A null leaves the property unset; a required property must be there, and non-null unless it allows null.
                string read = $"if (AtlasJsonReader.ReadNonNull(ref reader)) {{ v{index} = {readExpression};{(property.IsRequired && !property.AllowsNull ? $" has{index} = true;" : string.Empty)} }}";
                writer.WriteLine($"case {index}: {(property.IsRequired && property.AllowsNull ? $"has{index} = true; " : string.Empty)}{read} break;");
            }

            if (discriminator is not null)
            {
                writer.WriteLine($"case {properties.Count.ToString(CultureInfo.InvariantCulture)}:");
                writer.Indent();
                writer.WriteLine("reader.Read();");
                writer.WriteLine("if (reader.TokenType == global::System.Text.Json.JsonTokenType.String)");
                writer.OpenBrace();
                writer.WriteLine($"discriminator = {ReadExpression(discriminator.Type)};");
                if (checksDiscriminator)
                {
                    writer.WriteLine("hasDiscriminator = true;");
                }

                writer.CloseBrace();
                writer.WriteLine();
                writer.WriteLine("reader.Skip();");
                writer.WriteLine("break;");
                writer.Unindent();
            }

            string unknown = _keepsUnknown ? AdditionalProperties + ".Read(ref reader, ref additional);" : "reader.Read(); reader.Skip();";
            if (hasNames)
            {
                writer.WriteLine($"default: {unknown} break;");
                writer.CloseBrace();
            }
            else
            {
                writer.WriteLine(unknown);
            }

            writer.CloseBrace();
            writer.WriteLine();
            if (checksDiscriminator)
            {
                writer.WriteLine("if (!hasDiscriminator)");
                writer.OpenBrace();
                writer.WriteLine($"throw AtlasJsonReader.MissingProperty({Literal(model.Name)}, {Literal(discriminator!.JsonName)});");
                writer.CloseBrace();
                writer.WriteLine();
            }

            for (int i = 0; i < properties.Count; i++)
            {
                if (properties[i].IsRequired)
                {
                    string index = i.ToString(CultureInfo.InvariantCulture);
                    writer.WriteLine($"if (!has{index})");
                    writer.OpenBrace();
                    writer.WriteLine($"throw AtlasJsonReader.MissingProperty({Literal(model.Name)}, {Literal(properties[i].JsonName)});");
                    writer.CloseBrace();
                    writer.WriteLine();
                }
            }

            string arguments = model.UnknownVariantOf is not null ? "discriminator, rawJson" : discriminatorByConstructor ? "discriminator" : string.Empty;
            writer.WriteLine($"return new {Global(model.Name)}({arguments})");
            writer.OpenBrace();
            if (readsDiscriminator && !discriminatorByConstructor)
            {
                writer.WriteLine($"{discriminator!.PropertyName} = discriminator,");
            }

            if (_keepsUnknown)
            {
                writer.WriteLine("AdditionalProperties = additional,");
            }

            for (int i = 0; i < properties.Count; i++)
            {
                PropertyModel property = properties[i];
                string local = "v" + i.ToString(CultureInfo.InvariantCulture);
                string value = property.AllowsNull ? local : property.Type.IsValueType ? local + ".GetValueOrDefault()" : local + "!";
                writer.WriteLine($"{property.Name} = {value},");
            }

            writer.CloseBrace(";");
            writer.CloseBrace();
        }
    }
}
