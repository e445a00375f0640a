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
            int index = 0;
            foreach (string jsonName in jsonNames)
            {
                writer.WriteLine("private static readonly global::System.Text.Json.JsonEncodedText s_name" + index++.ToString(CultureInfo.InvariantCulture)
                    + " = global::System.Text.Json.JsonEncodedText.Encode(" + Literal(jsonName) + ");");
            }

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

            string discriminatorName = "s_name" + properties.Count.ToString(CultureInfo.InvariantCulture);
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
                WriteGuarded(writer, discriminator.IsReadOnly, () =>
                    writer.WriteLine(discriminator.Type.Kind == TypeKind.Enum
                        ? "writer.WriteString(" + discriminatorName + ", value." + discriminator.PropertyName + ".Value);"
                        : "writer.WriteString(" + discriminatorName + ", value." + discriminator.PropertyName + ");"));
            }

            for (int i = 0; i < properties.Count; i++)
            {
                PropertyModel property = properties[i];
                string name = "s_name" + i.ToString(CultureInfo.InvariantCulture);
                string local = "p" + i.ToString(CultureInfo.InvariantCulture);
                if (PropertyWriteLine(property, name, local) is { } line)
                {
                    writer.WriteLine(line);
                }
                else
                {
                    WriteGuarded(writer, property.IsReadOnly, () => WriteProperty(writer, property, name, local));
                }
            }

            if (_keepsUnknown)
            {
                writer.WriteLine(AdditionalProperties + ".Write(writer, value.AdditionalProperties, writeReadOnly);");
            }

            writer.WriteLine("writer.WriteEndObject();");
            writer.CloseBrace();
            writer.CloseBrace();
        }

        /// <summary>Writes one property in its own block (its locals must not clash), behind the readOnly switch when it is readOnly.</summary>
        private static void WriteGuarded(SourceWriter writer, bool isReadOnly, System.Action write)
        {
            if (isReadOnly)
            {
                writer.WriteLine("if (writeReadOnly)");
            }

            writer.OpenBrace();
            write();
            writer.CloseBrace();
        }

        private void WriteProperty(SourceWriter writer, PropertyModel property, string nameField, string local)
        {
            if (!property.AllowsNull && property.Type.IsValueType)
            {
                WriteNamedValue(writer, property.Type, nameField, "value." + property.Name);
                return;
            }

            writer.WriteLine($"if (value.{property.Name} is {{ }} {local})");
            writer.OpenBrace();
            WriteNamedValue(writer, property.Type, nameField, local);
            writer.CloseBrace();
            if (property.IsRequired)
            {
                writer.WriteLine("else");
                writer.OpenBrace();
                writer.WriteLine($"writer.WriteNull({nameField});");
                writer.CloseBrace();
            }
        }

        /// <summary>
        /// A property whose value is written by one statement, on one line (most of them); null for arrays and maps,
        /// whose loops need a block of their own.
        /// </summary>
        private string? PropertyWriteLine(PropertyModel property, string nameField, string local)
        {
            if (property.Type.Kind is TypeKind.Array or TypeKind.Map)
            {
                return null;
            }

            if (!property.AllowsNull && property.Type.IsValueType)
            {
                string always = NamedValueStatement(property.Type, nameField, "value." + property.Name)!;
                return property.IsReadOnly ? "if (writeReadOnly) { " + always + " }" : always;
            }

            string statement = NamedValueStatement(property.Type, nameField, local)!;
            string present = $"value.{property.Name} is {{ }} {local}";
            if (!property.IsRequired)
            {
                return $"if ({(property.IsReadOnly ? "writeReadOnly && " : string.Empty)}{present}) {{ {statement} }}";
            }

            string required = $"if ({present}) {{ {statement} }} else {{ writer.WriteNull({nameField}); }}";
            return property.IsReadOnly ? "if (writeReadOnly) { " + required + " }" : required;
        }

        private void WriteNamedValue(SourceWriter writer, TypeRef type, string nameField, string value)
        {
            if (NamedValueStatement(type, nameField, value) is { } statement)
            {
                writer.WriteLine(statement);
                return;
            }

            writer.WriteLine($"writer.WritePropertyName({nameField});");
            WriteValue(writer, type, value, 0);
        }

        /// <summary>The statement that writes a named scalar, enum, raw JSON or object value; null for arrays and maps.</summary>
        private string? NamedValueStatement(TypeRef type, string nameField, string value) => type.Kind switch
        {
            TypeKind.String or TypeKind.Guid => $"writer.WriteString({nameField}, {value});",
            TypeKind.Enum => $"writer.WriteString({nameField}, {value}.Value);",
            TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single => $"writer.WriteNumber({nameField}, {value});",
            TypeKind.Boolean => $"writer.WriteBoolean({nameField}, {value});",
            TypeKind.DateTimeOffset => _keepsUnknown
                ? $"{AdditionalProperties}.WriteDateTime(writer, {nameField}, {value}, value.AdditionalProperties);"
                : $"AtlasJsonWriter.WriteDateTime(writer, {nameField}, {value});",
            TypeKind.Json => $"writer.WritePropertyName({nameField}); {value}.WriteTo(writer);",
            TypeKind.Object => $"writer.WritePropertyName({nameField}); {Converter(type.Name!)}.WriteValue(writer, {value}, writeReadOnly);",
            _ => null,
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

            writer.WriteLine("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)");
            writer.OpenBrace();
            if (discriminator is not null)
            {
                writer.WriteLine($"if (reader.ValueTextEquals({Utf8Literal(discriminator.JsonName)}))");
                writer.OpenBrace();
                writer.WriteLine("reader.Read();");
                if (readsDiscriminator || checksDiscriminator)
                {
                    writer.WriteLine("if (reader.TokenType == global::System.Text.Json.JsonTokenType.String)");
                    writer.OpenBrace();
                    if (readsDiscriminator)
                    {
                        writer.WriteLine($"discriminator = {ReadExpression(discriminator.Type)};");
                    }

                    if (checksDiscriminator)
                    {
                        writer.WriteLine("hasDiscriminator = true;");
                    }

                    writer.CloseBrace();
                }

                writer.WriteLine("reader.Skip();");
                writer.WriteLine("continue;");
                writer.CloseBrace();
                writer.WriteLine();
            }

            bool afterOneLiner = false;
            for (int i = 0; i < properties.Count; i++)
            {
                PropertyModel property = properties[i];
                string index = i.ToString(CultureInfo.InvariantCulture);
                string? readExpression = property.Type.Kind == TypeKind.DateTimeOffset && _keepsUnknown
                    ? $"{AdditionalProperties}.ReadDateTime(ref reader, ref additional, s_name{index})"
                    : property.Type.Kind is TypeKind.Array or TypeKind.Map ? null : ReadExpression(property.Type);
                if (readExpression is not null && !property.IsRequired)
                {
                    // Most properties: one line each, so the loop reads as a table of names and types.
                    writer.WriteLine($"if (reader.ValueTextEquals({Utf8Literal(property.JsonName)})) {{ if (AtlasJsonReader.ReadNonNull(ref reader)) {{ v{index} = {readExpression}; }} continue; }}");
                    afterOneLiner = true;
                    continue;
                }

                if (afterOneLiner)
                {
                    writer.WriteLine();
                    afterOneLiner = false;
                }

                writer.WriteLine($"if (reader.ValueTextEquals({Utf8Literal(property.JsonName)}))");
                writer.OpenBrace();
                writer.WriteLine("reader.Read();");
                if (property.IsRequired && property.AllowsNull)
                {
                    writer.WriteLine($"has{index} = true;");
                }

                writer.WriteLine("if (reader.TokenType != global::System.Text.Json.JsonTokenType.Null)");
                writer.OpenBrace();
                if (readExpression is not null)
                {
                    writer.WriteLine($"v{index} = {readExpression};");
                }
                else
                {
                    WriteRead(writer, property.Type, "v" + index, 0);
                }

                if (property.IsRequired && !property.AllowsNull)
                {
                    writer.WriteLine($"has{index} = true;");
                }

                writer.CloseBrace();
                writer.WriteLine();
                writer.WriteLine("continue;");
                writer.CloseBrace();
                writer.WriteLine();
            }

            if (afterOneLiner)
            {
                writer.WriteLine();
            }

            if (_keepsUnknown)
            {
                writer.WriteLine(AdditionalProperties + ".Read(ref reader, ref additional);");
            }
            else
            {
                writer.WriteLine("reader.Read();");
                writer.WriteLine("reader.Skip();");
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
