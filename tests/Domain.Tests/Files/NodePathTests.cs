using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Strata.Domain.Files;

namespace Strata.Domain.Tests.Files;

public sealed class NodePathTests
{
    [Theory]
    [InlineData("/Shared/a/../b")]
    [InlineData("/Shared/./b")]
    [InlineData("/Shared/a\\b")]
    [InlineData("/Shared/a\0")]
    [InlineData("/Elsewhere/a")]
    [InlineData("/Shared/trailing./x")]
    public void Rejects_invalid_paths(string raw)
    {
        NodePath.TryParse(raw, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("Shared//Builds/", "/Shared/Builds")]
    [InlineData("/Private/alice/Notes", "/Private/alice/Notes")]
    public void Canonicalises(string raw, string expected) => NodePath.Parse(raw).Value.ShouldBe(expected);

    [Fact]
    public void Rejects_paths_over_4096_bytes()
    {
        var segment = new string('a', 200);
        var ok = "/Shared/" + string.Join('/', Enumerable.Repeat(segment, 20));
        var tooLong = ok + "/" + segment;

        NodePath.TryParse(ok, out _, out _).ShouldBeTrue();
        NodePath.TryParse(tooLong, out _, out var error).ShouldBeFalse();
        error.ShouldContain("4096");
    }

    [Fact]
    public void Sibling_with_a_common_prefix_is_not_a_descendant()
    {
        NodePath.Parse("/Private/alice2/x").IsSameOrDescendantOf(NodePath.Parse("/Private/alice")).ShouldBeFalse();
        NodePath.Parse("/Shared/Builds-old").IsSameOrDescendantOf(NodePath.Parse("/Shared/Builds")).ShouldBeFalse();
    }

    [Fact]
    public void Knows_its_areas_and_system_folders()
    {
        NodePath.Parse("/Private/alice").IsSystemFolder.ShouldBeTrue();
        NodePath.Parse("/Private/alice").PrivateOwner.ShouldBe("alice");
        NodePath.Parse("/Shared").IsSystemFolder.ShouldBeTrue();
        NodePath.Parse("/Shared/Builds").IsSystemFolder.ShouldBeFalse();
        NodePath.Parse("/shared/Builds").IsShared.ShouldBeTrue();
    }

    [Fact]
    public void Rebases_a_descendant()
    {
        var moved = NodePath.Parse("/Shared/A/b/c").Rebase(NodePath.Parse("/Shared/a"), NodePath.Parse("/Shared/Z"));

        moved.Value.ShouldBe("/Shared/Z/b/c");
    }

    [Property]
    public Property Parsing_the_canonical_form_is_identity() =>
        Prop.ForAll(Segments(), segments =>
        {
            var path = NodePath.Parse("/Shared/" + string.Join('/', segments));
            var again = NodePath.Parse(path.Value);
            return again.Equals(path) && again.Value == path.Value && again.Depth == segments.Length + 1;
        });

    [Property]
    public Property Paths_differing_only_in_case_are_equal() =>
        Prop.ForAll(Segments(), segments =>
        {
            var raw = "/Shared/" + string.Join('/', segments);
            return NodePath.Parse(raw.ToUpperInvariant().Replace("/SHARED", "/Shared", StringComparison.Ordinal))
                .Equals(NodePath.Parse(raw.ToLowerInvariant().Replace("/shared", "/Shared", StringComparison.Ordinal)));
        });

    [Property]
    public Property Every_child_is_a_descendant_and_no_parent_is() =>
        Prop.ForAll(Segments(), NameGenerators.ValidName(), (segments, child) =>
        {
            var parent = NodePath.Parse("/Shared/" + string.Join('/', segments));
            var below = parent.Append(NodeName.Parse(child));
            return below.IsSameOrDescendantOf(parent) && !parent.IsSameOrDescendantOf(below) && below.Parent.Equals(parent);
        });

    [Property]
    public Property Appending_to_the_last_segment_never_makes_a_descendant() =>
        Prop.ForAll(Segments(), NameGenerators.ValidName(), (segments, suffix) =>
        {
            var folder = NodePath.Parse("/Shared/" + string.Join('/', segments));
            // A lengthened last segment may pass the 255-byte limit; such a path cannot exist at all.
            return !NodePath.TryParse(folder.Value + suffix, out var lookalike, out _) || !lookalike.IsSameOrDescendantOf(folder);
        });

    [Theory]
    [InlineData("/Shared/a%2Fb", true)]
    [InlineData("/Shared/a%2fb", true)]
    [InlineData("/Shared/a%5Cb", true)]
    [InlineData("/Shared/a%5cb", true)]
    [InlineData("/Shared/a%252Fb", false)]
    [InlineData("/Shared/a%25%35Cb", false)]
    [InlineData("/Shared/caf%C3%A9/a%20b", false)]
    public void An_encoded_separator_in_a_url_path_is_refused_and_an_encoded_percent_is_not_one(string encoded, bool refused) =>
        (NodePath.EncodedSeparatorError(encoded) is not null).ShouldBe(refused);

    private static Arbitrary<string[]> Segments() =>
        NameGenerators.ValidName().Generator.ArrayOf().Select(a => a.Take(8).ToArray()).Where(a => a.Length > 0).ToArbitrary();
}
