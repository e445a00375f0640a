using AtlasAccessGen.Generator.Emit;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>The escaping layer on its own: what each context turns spec text into.</summary>
public class CSharpTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a < b & c > d", "a &lt; b &amp; c &gt; d")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("one\ntwo\rthree\u0085four\u2028five\u2029six", "one two three four five six")]
    [InlineData("bell\u0007 nul\0 del\u007f c1\u009b tab\t", "bell nul del c1 tab\t")]
    public void Xml_doc_text_escapes_markup_and_never_ends_the_line(string text, string expected) =>
        Assert.Equal(expected, CSharpText.XmlDoc(text));

    [Fact]
    public void Lone_surrogates_are_dropped_from_docs_and_escaped_in_literals()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate through metadata.
        string text = "lone " + (char)0xD800 + " high, lone " + (char)0xDC00 + " low, pair \ud83d\ude00";

        Assert.Equal("lone  high, lone  low, pair \ud83d\ude00", CSharpText.XmlDoc(text));
        Assert.Equal("\"\\u00e9\\ud800\"", CSharpText.Literal("é" + (char)0xD800));
    }

    [Fact]
    public void Xml_attributes_also_escape_quotes() =>
        Assert.Equal("https://x/?a=1&amp;b=&quot;2&quot; ", CSharpText.XmlAttribute("https://x/?a=1&b=\"2\"\u2028"));

    [Theory]
    [InlineData("2.0\npublic class X {}", "2.0 public class X {}")]
    [InlineData("sha\u2029#error x", "sha #error x")]
    [InlineData("<kept> & \"kept\"", "<kept> & \"kept\"")]
    public void Comments_turn_line_terminators_into_spaces(string text, string expected) =>
        Assert.Equal(expected, CSharpText.Comment(text));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("n\nr\rt\t", "\"n\\nr\\rt\\t\"")]
    [InlineData("\u0085\u2028\u2029\0\u007f", "\"\\u0085\\u2028\\u2029\\u0000\\u007f\"")]
    public void Literals_are_one_line_of_printable_ascii(string text, string expected) =>
        Assert.Equal(expected, CSharpText.Literal(text));

    [Fact]
    public void Lines_splits_at_every_line_terminator_and_keeps_crlf_as_one() =>
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f", "" }, CSharpText.Lines("a\r\nb\nc\rd\u0085e\u2028f\u2029"));

    [Fact]
    public void The_last_check_accepts_newlines_and_tabs() =>
        CSharpText.EnsureOnlyNewlines("ok\n\tindented\n", "X.g.cs");

    [Theory]
    [InlineData("// x\u2028y\n", "U+2028 reached line 1 of X.g.cs unescaped.")]
    [InlineData("ok\n// x\ry\n", "U+000D reached line 2 of X.g.cs unescaped.")]
    [InlineData("ok\n\n// x\0y\n", "U+0000 reached line 3 of X.g.cs unescaped.")]
    public void The_last_check_refuses_any_line_terminator_but_the_newline(string source, string message)
    {
        var error = Assert.Throws<System.InvalidOperationException>(() => CSharpText.EnsureOnlyNewlines(source, "X.g.cs"));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("Use the [/groups](#tag/Projects/operation/listProjects) endpoint.", "Use the /groups endpoint.")]
    [InlineData("See [Get Started](https://www.mongodb.com/docs/atlas/configure-api-access/).", "See <see href=\"https://www.mongodb.com/docs/atlas/configure-api-access/\">Get Started</see>.")]
    [InlineData("**NOTE**: Groups and projects are synonymous.", "NOTE: Groups and projects are synonymous.")]
    [InlineData("Set `providerName` to __AWS__ <now>.", "Set <c>providerName</c> to AWS &lt;now&gt;.")]
    [InlineData("a `b & c` d", "a <c>b &amp; c</c> d")]
    [InlineData("unpaired ` tick and * star", "unpaired ` tick and * star")]
    [InlineData("[x](https://a/?q=\"1\"&b)", "<see href=\"https://a/?q=&quot;1&quot;&amp;b\">x</see>")]
    [InlineData("[x](javascript:alert(1))", "[x](javascript:alert(1))")]
    [InlineData("snake_case_name and 2*3*4", "snake_case_name and 2*3*4")]
    public void Markdown_in_spec_prose_becomes_xml_doc(string markdown, string xml) =>
        Assert.Equal(xml, CSharpText.XmlDocFromMarkdown(markdown));
}
