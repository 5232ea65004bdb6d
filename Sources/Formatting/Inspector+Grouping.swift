extension Layout {
    /// Node's `groupArrayElements`: packs many short array entries into aligned columns, numbers
    /// right-aligned and everything else left-aligned.
    func groupArrayElements(_ output: [String], array: [InspectNode], compact: Int) -> [String] {
        var totalLength = 0
        var maxLength = 0
        var outputLength = output.count
        if let limit = options.maxArrayLength, limit < output.count {
            // The "... n more items" entry does not take part.
            outputLength -= 1
        }
        let separatorSpace = 2
        var dataLen: [Int] = []
        dataLen.reserveCapacity(outputLength)
        for index in 0..<outputLength {
            let length = StringEscaping.displayWidth(output[index], colors: options.colors)
            dataLen.append(length)
            totalLength += length + separatorSpace
            if maxLength < length { maxLength = length }
        }
        let actualMax = maxLength + separatorSpace
        guard actualMax * 3 + indentationLvl < options.breakLength,
            Double(totalLength) / Double(actualMax) > 5 || maxLength <= 6
        else { return output }

        let approxCharHeights = 2.5
        let averageBias = (Double(actualMax) - Double(totalLength) / Double(output.count)).squareRoot()
        let biasedMax = max(Double(actualMax) - 3 - averageBias, 1)
        let ideal = ((approxCharHeights * biasedMax * Double(outputLength)).squareRoot() / biasedMax)
            .rounded(.toNearestOrAwayFromZero)
        let columns = min(
            Int(ideal), (options.breakLength - indentationLvl) / actualMax, compact * 4, 15)
        if columns <= 1 { return output }

        var maxLineLength: [Int] = []
        for column in 0..<columns {
            var lineMaxLength = 0
            for row in stride(from: column, to: outputLength, by: columns) where dataLen[row] > lineMaxLength {
                lineMaxLength = dataLen[row]
            }
            maxLineLength.append(lineMaxLength + separatorSpace)
        }
        var padStart = true
        for index in 0..<output.count {
            guard index < array.count, case .number = array[index] else {
                padStart = false
                break
            }
        }
        var grouped: [String] = []
        grouped.reserveCapacity(outputLength / columns + 2)
        for rowStart in stride(from: 0, to: outputLength, by: columns) {
            let rowEnd = min(rowStart + columns, outputLength)
            var line = ""
            for index in rowStart..<rowEnd {
                let isLast = index == rowEnd - 1
                let cell = isLast ? output[index] : output[index] + ", "
                let padding = String(
                    repeating: " ", count: max(0, maxLineLength[index - rowStart] - separatorSpace - dataLen[index]))
                if padStart {
                    line += padding + cell
                } else {
                    line += cell
                    if !isLast { line += padding }
                }
            }
            grouped.append(line)
        }
        if let limit = options.maxArrayLength, limit < output.count {
            grouped.append(output[outputLength])
        }
        return grouped
    }
}
