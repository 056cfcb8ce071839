using GatewayFs.ObjectStore;
using Xunit;

namespace GatewayFs.Tests.ObjectStore;

public abstract partial class ObjectStoreContract
{
    [Fact]
    public async Task Listing_with_a_delimiter_gives_objects_and_common_prefixes_in_key_order()
    {
        foreach (string key in new[] { "a/1", "a/2", "a/b/3", "a-b", "b", "c/", "c/d/e", "a0" })
            await Store.PutAsync(key, TestData.Bytes(key.Length), ObjectMetadata.Empty, None);

        ListPage root = await Store.ListAsync("", "/", null, 1000, None);
        Assert.Equal(new[] { "a-b", "a0", "b" }, root.Objects.Select(o => o.Key));
        Assert.Equal(new[] { "a/", "c/" }, root.CommonPrefixes);
        Assert.Null(root.ContinuationToken);

        ListPage a = await Store.ListAsync("a/", "/", null, 1000, None);
        Assert.Equal(new[] { "a/1", "a/2" }, a.Objects.Select(o => o.Key));
        Assert.Equal(new[] { "a/b/" }, a.CommonPrefixes);
        Assert.Equal(3, a.Objects[0].Size);

        ListPage c = await Store.ListAsync("c/", "/", null, 1000, None);
        Assert.Equal(new[] { "c/" }, c.Objects.Select(o => o.Key));
        Assert.Equal(new[] { "c/d/" }, c.CommonPrefixes);

        ListPage partial = await Store.ListAsync("a", "/", null, 1000, None);
        Assert.Equal(new[] { "a-b", "a0" }, partial.Objects.Select(o => o.Key));
        Assert.Equal(new[] { "a/" }, partial.CommonPrefixes);

        ListPage flat = await Store.ListAsync("", null, null, 1000, None);
        string[] inS3Order = ["a-b", "a/1", "a/2", "a/b/3", "a0", "b", "c/", "c/d/e"];
        if (ListsInS3Order) Assert.Equal(inS3Order, flat.Objects.Select(o => o.Key));
        else Assert.Equal(inS3Order.Order(StringComparer.Ordinal), flat.Objects.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Empty(flat.CommonPrefixes);
    }

    [Fact]
    public async Task Listings_larger_than_a_page_continue_without_loss_or_repetition()
    {
        var keys = new List<string>();
        for (int i = 0; i < 23; i++) keys.Add($"many/{i:D3}");
        for (int i = 0; i < 4; i++) keys.Add($"many/sub{i}/x");
        await Task.WhenAll(keys.Select(k => Store.PutAsync(k, TestData.Bytes(1), ObjectMetadata.Empty, None)));

        var seenObjects = new List<string>();
        var seenPrefixes = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            ListPage page = await Store.ListAsync("many/", "/", token, 5, None);
            Assert.True(page.Objects.Count <= 5, $"{page.Objects.Count} objects in a page of 5");
            if (CountsPrefixesInPageSize) Assert.True(page.Objects.Count + page.CommonPrefixes.Count <= 5);
            seenObjects.AddRange(page.Objects.Select(o => o.Key));
            seenPrefixes.AddRange(page.CommonPrefixes);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 50);

        Assert.Equal(keys.Take(23), seenObjects);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"many/sub{i}/"), seenPrefixes);
        Assert.True(pages >= (CountsPrefixesInPageSize ? 6 : 5), $"too few pages: {pages}");

        var flat = new List<string>();
        token = null;
        do
        {
            ListPage page = await Store.ListAsync("many/", null, token, 7, None);
            flat.AddRange(page.Objects.Select(o => o.Key));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), flat);
    }

    [Fact]
    public async Task An_empty_prefix_lists_nothing()
    {
        await Store.PutAsync("x/1", TestData.Bytes(1), ObjectMetadata.Empty, None);
        ListPage page = await Store.ListAsync("y/", "/", null, 100, None);
        Assert.Empty(page.Objects);
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }
}
