using Strata.Infrastructure.Search;

namespace Strata.Infrastructure.Tests.Search;

public sealed class TextSinkTests
{
    [Fact]
    public void Separators_never_double_and_a_block_end_wins_over_a_space()
    {
        var sink = new TextSink(100);

        sink.Space();
        sink.Append("one");
        sink.Space();
        sink.Space();
        sink.Append("two");
        sink.Space();
        sink.EndBlock();
        sink.EndBlock();
        sink.Append("three");

        sink.ToString().ShouldBe("one two\nthree");
    }

    [Fact]
    public void Text_past_the_cap_is_cut_and_said_so()
    {
        var sink = new TextSink(6);

        sink.Append("abcd").ShouldBeTrue();
        sink.Append("efgh").ShouldBeFalse();

        (sink.ToString(), sink.Truncated, sink.IsFull).ShouldBe(("abcdef", true, true));
    }
}
