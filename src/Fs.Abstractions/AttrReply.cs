namespace GatewayFs.Fs;

/// <summary>Attributes plus how long the kernel may cache them.</summary>
public readonly record struct AttrReply(FileAttr Attr, TimeSpan Timeout);
