using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Files;

public sealed class NodeNameTests
{
    [Theory]
    [InlineData("._report.docx", true)]
    [InlineData("._", true)]
    [InlineData(".DS_Store", true)]
    [InlineData("report.docx", false)]
    [InlineData("report._docx", false)]
    [InlineData(".ds_store", false)]
    [InlineData("notes.DS_Store", false)]
    public void Finder_metadata_is_its_appledouble_companions_and_folder_settings(string name, bool metadata) =>
        NodeName.IsFinderMetadata(name).ShouldBe(metadata);

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("trailing.")]
    [InlineData("trailing ")]
    public void Rejects_invalid_names(string raw)
    {
        NodeName.TryCreate(raw, out var name, out var error).ShouldBeFalse();

        name.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("a:b*?.txt", "':'")]
    [InlineData("<", "'<'")]
    [InlineData(">", "'>'")]
    [InlineData("pipe|name", "'|'")]
    [InlineData("say \"hi\"", "'\"'")]
    [InlineData("why?", "'?'")]
    [InlineData("CON", "Windows reserves")]
    [InlineData("nul", "Windows reserves")]
    [InlineData("Com1", "Windows reserves")]
    [InlineData("LPT9.log", "Windows reserves")]
    [InlineData("con.txt", "Windows reserves")]
    [InlineData("aux.tar.gz", "Windows reserves")]
    [InlineData("PRN .txt", "Windows reserves")]
    [InlineData("COM\u00b9", "Windows reserves")]
    public void Names_windows_cannot_hold_are_told_with_the_reason_yet_still_read(string raw, string reason)
    {
        // Items named before the rule stay readable (TryCreate), so their owners can rename them; a new name is judged.
        NodeName.TryCreate(raw, out var name, out _).ShouldBeTrue();

        var problem = NodeName.WindowsProblem(name!);

        problem.ShouldNotBeNull();
        problem.ShouldContain(reason);
        problem.ShouldContain("Windows");
    }

    [Theory]
    [InlineData("CONSOLE")]
    [InlineData("console.txt")]
    [InlineData("COM0")]
    [InlineData("com10")]
    [InlineData("LPT")]
    [InlineData("notes.con")]
    [InlineData("nul-report.txt")]
    [InlineData("._con")]
    public void Accepts_names_that_only_resemble_device_names(string raw)
    {
        NodeName.TryCreate(raw, out var name, out _).ShouldBeTrue();
        NodeName.WindowsProblem(name!).ShouldBeNull();
    }

    [Fact]
    public void Rejects_a_lone_surrogate() => NodeName.TryCreate("lone\ud800surrogate", out _, out _).ShouldBeFalse();

    [Fact]
    public void Rejects_null() => NodeName.TryCreate(null, out _, out _).ShouldBeFalse();

    [Fact]
    public void Accepts_255_bytes_and_rejects_256()
    {
        NodeName.TryCreate(new string('a', 255), out _, out _).ShouldBeTrue();
        NodeName.TryCreate(new string('a', 256), out _, out var error).ShouldBeFalse();
        error.ShouldContain("255");
    }

    [Fact]
    public void Counts_utf8_bytes_not_characters()
    {
        // 'é' is two UTF-8 bytes: 128 of them are 256 bytes.
        NodeName.TryCreate(new string('é', 127), out _, out _).ShouldBeTrue();
        NodeName.TryCreate(new string('é', 128), out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Normalises_to_nfc_and_keeps_case()
    {
        var name = NodeName.Parse("Cafe\u0301.TXT");

        name.Value.ShouldBe("Caf\u00e9.TXT");
        name.Key.ShouldBe(NodeName.Parse("CAF\u00c9.txt").Key);
    }

    [Fact]
    public void Allows_leading_dots_and_inner_spaces() => NodeName.Parse(".hidden file.tar.gz").Value.ShouldBe(".hidden file.tar.gz");

    [Property]
    public Property Valid_names_round_trip_and_are_nfc() =>
        Prop.ForAll(NameGenerators.ValidName(), raw =>
        {
            var name = NodeName.Parse(raw);
            return name.Value.IsNormalized(NormalizationForm.FormC)
                && NodeName.Parse(name.Value) == name
                && name.Key == NodeName.Fold(raw);
        });

    [Property]
    public Property Case_variants_share_one_key() =>
        Prop.ForAll(NameGenerators.ValidName(), raw =>
            NodeName.Parse(raw.ToUpperInvariant()).Key == NodeName.Parse(raw.ToLowerInvariant()).Key);

    [Fact]
    public void Sort_keys_put_numbers_in_the_order_people_count()
    {
        string[] names = ["v2.10.zip", "Build 10", "build 9", "Build 100", "Build 9a", "v2.9.zip", "Build", "report-0.txt", "Build 009b", "a1b2", "a1b10"];

        names.OrderBy(n => NodeName.Parse(n).SortKey, StringComparer.Ordinal).ShouldBe(
            ["a1b2", "a1b10", "Build", "build 9", "Build 9a", "Build 009b", "Build 10", "Build 100", "report-0.txt", "v2.9.zip", "v2.10.zip"]);
    }

    [Fact]
    public void A_sort_key_stays_within_its_column_even_for_a_name_of_digits_between_dots()
    {
        var longest = NodeName.Parse(string.Join('.', Enumerable.Repeat("1", 128)));

        longest.SortKey.Length.ShouldBeLessThanOrEqualTo(512);
    }

    [Property]
    public Property Numbers_sort_by_value_wherever_they_stand() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), NameGenerators.ValidName(), (a, b, stem) =>
        {
            var left = NodeName.SortKeyOf(NodeName.Fold($"{stem}{a}x"));
            var right = NodeName.SortKeyOf(NodeName.Fold($"{stem}{b}x"));
            return Math.Sign(string.CompareOrdinal(left, right)) == Math.Sign(a.CompareTo(b));
        });

    [Property]
    public Property A_forbidden_character_anywhere_is_rejected() =>
        Prop.ForAll(NameGenerators.ValidName(), NameGenerators.ForbiddenChar(), Gen.Choose(0, 1000).ToArbitrary(), (raw, bad, at) =>
        {
            var position = at % (raw.Length + 1);
            return !NodeName.TryCreate(raw.Insert(position, bad.ToString()), out _, out _);
        });

    [Property]
    public Property A_character_windows_forbids_anywhere_is_a_problem_for_a_new_name() =>
        Prop.ForAll(NameGenerators.ValidName(), Gen.Elements('<', '>', ':', '"', '|', '?', '*').ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (raw, bad, at) =>
        {
            // Never between the halves of a surrogate pair (an emoji), which would make the name invalid Unicode instead.
            var position = at % (raw.Length + 1);
            if (position < raw.Length && char.IsLowSurrogate(raw[position]))
            {
                position--;
            }

            return NodeName.WindowsProblem(NodeName.Parse(raw.Insert(position, bad.ToString()))) is not null;
        });

    [Property]
    public Property A_trailing_dot_or_space_is_rejected() =>
        Prop.ForAll(NameGenerators.ValidName(), Gen.Elements('.', ' ').ToArbitrary(), (raw, tail) =>
            !NodeName.TryCreate(raw + tail, out _, out _));
}
