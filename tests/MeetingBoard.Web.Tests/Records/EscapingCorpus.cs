using System.Text;
using MeetingBoard.Records;
using MeetingBoard.Web.Features.Records;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// Whatever people type, the escaped Markdown renders (through the same Markdig pipeline as the print
/// view) to exactly that text, HTML-encoded: no heading, link, emphasis, list, code or tag of its own.
/// </summary>
public class EscapingCorpus
{
    public static readonly TheoryData<string> Corpus = new()
    {
        "# heading",
        "## heading ##",
        "Heading\n===",
        "Heading\n---",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<!-- comment -->",
        "<https://example.org>",
        "[x](javascript:alert(1))",
        "[x]: javascript:alert(1)\n[x]",
        "![image](https://example.org/a.png)",
        "**bold** and __bold__",
        "*em* and _em_ and snake_case_word",
        "~~struck~~",
        "| a | b |\n|---|---|\n| c | d |",
        "pipe | in | text",
        "`code` and ``double``",
        "```\nfenced\n```",
        "~~~\nfenced\n~~~",
        "1. first",
        "1) first",
        "2024. A year",
        "- dash",
        "+ plus",
        "* star",
        "> quote",
        "    indented code",
        "\tTabbed code",
        "---",
        "***",
        "&amp; &lt; &#x3C; &copy;",
        "back\\slash at end\\",
        "trailing spaces  \nnext line",
        "a\\*b",
        "{#id .class}",
        "$math$ and $$x$$",
        "https://example.org/autolink and www.example.org",
        "Sam's \"quote\" — fine",
        "emoji 👶 and accents: Zoë, Łukasz",
        "line one\nline two\n\n\nline five",
        "1.\n2.",
        "- [ ] task",
        "Term\n: definition",
        "<b>**mixed**</b> [a](<javascript:x>)",
    };

    static string Encode(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    /// <summary>Each trimmed, non-empty line of the input, HTML-encoded, joined by Markdig's hard breaks.</summary>
    static string Expected(string text) =>
        string.Join("<br />\n", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => Encode(l.Replace('\t', ' '))));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_block_renders_as_exactly_what_was_typed(string typed)
    {
        var html = RecordHtml.Render("- " + MarkdownText.Block(typed, 2) + "\n");
        Assert.Equal($"<ul>\n<li>{Expected(typed)}</li>\n</ul>\n", html);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Inline_text_renders_as_exactly_what_was_typed_on_one_line(string typed)
    {
        var html = RecordHtml.Render("# " + MarkdownText.Inline(typed) + "\n");
        var oneLine = string.Join(" ", typed.Split('\n').Select(l => l.Trim().Replace('\t', ' ')).Where(l => l.Length > 0));
        Assert.Equal($"<h1>{Encode(oneLine).Trim()}</h1>\n", html);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_paragraph_renders_as_exactly_what_was_typed(string typed)
    {
        var html = RecordHtml.Render(MarkdownText.Block(typed, 0) + "\n");
        Assert.Equal($"<p>{Expected(typed)}</p>\n", html);
    }

    /// <summary>Random strings over the characters Markdown cares about, with a fixed seed so a failure repeats.</summary>
    [Fact]
    public void Thousands_of_random_strings_of_markdown_characters_stay_literal()
    {
        const string alphabet = "#*_`[]()<>!&|\\-+=.~:;\"'{}$ 1a\t\n";
        var random = new Random(20251122);
        for (var n = 0; n < 5000; n++)
        {
            var sb = new StringBuilder();
            var length = random.Next(1, 24);
            for (var i = 0; i < length; i++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            var typed = sb.ToString();
            if (Expected(typed).Length == 0) continue;
            var html = RecordHtml.Render("- " + MarkdownText.Block(typed, 2) + "\n");
            Assert.True($"<ul>\n<li>{Expected(typed)}</li>\n</ul>\n" == html, $"Typed {Show(typed)} rendered {Show(html)}");
        }
    }

    [Fact]
    public void Raw_html_is_disabled_even_without_the_escaper()
    {
        var html = RecordHtml.Render("<script>alert(1)</script>\n\n<b>bold</b>\n");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
    }

    static string Show(string s) => s.Replace("\n", "\\n").Replace("\t", "\\t");
}
