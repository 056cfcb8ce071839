using System.Text.Json;
using System.Text.Json.Serialization;
using GatewayFs.Volumes;

namespace GatewayFs.Cli.Control;

/// <summary>JSON shapes of the control protocol, the registry, the lock owner file and `status --json`.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlReply))]
[JsonSerializable(typeof(MountStatus))]
[JsonSerializable(typeof(List<MountStatus>))]
[JsonSerializable(typeof(RegistryEntry))]
[JsonSerializable(typeof(LockOwner))]
[JsonSerializable(typeof(VolumeStatus))]
internal sealed partial class ControlJson : JsonSerializerContext
{
    /// <summary>Writes <paramref name="value"/> indented, for people (`status --json`).</summary>
    public static string Indented<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            JsonSerializer.Serialize(writer, value, type);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
