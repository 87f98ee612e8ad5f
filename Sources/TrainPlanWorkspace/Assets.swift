import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The page's script and style sheet, read once from the target's resources.
enum Assets {
    static let files: [String: (type: String, bytes: [UInt8])] = {
        var out: [String: (String, [UInt8])] = [:]
        for (name, type) in [
            ("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8"),
            ("delivery.js", "text/javascript; charset=utf-8"),
        ] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets"),
                let data = try? Data(contentsOf: url)
            {
                out[name] = (type, Array(data))
            }
        }
        return out
    }()

    /// The tab's icon: four agenda blocks.
    static let icon =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect x=\"1\" y=\"5\" width=\"3\" height=\"6\" "
        + "fill=\"#e8c12f\"/><rect x=\"4\" y=\"5\" width=\"5\" height=\"6\" fill=\"#ec8a4c\"/><rect x=\"9\" y=\"5\" "
        + "width=\"3\" height=\"6\" fill=\"#4fb3a0\"/><rect x=\"12\" y=\"5\" width=\"3\" height=\"6\" fill=\"#8cbf4a\"/></svg>"

    static func response(_ name: String) throws -> Response {
        guard let file = files[name] else { throw HTTPError(.notFound) }
        return Response(
            status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
