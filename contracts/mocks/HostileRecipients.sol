// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Reverts on every ETH receipt and every call.
contract RevertingRecipient {
    error NoThanks();

    receive() external payable {
        revert NoThanks();
    }

    fallback() external payable {
        revert NoThanks();
    }
}

/// @notice Burns all gas it is given on receipt.
contract GasGuzzler {
    receive() external payable {
        while (true) {}
    }
}

/// @notice Answers every call with a 1 MB revert payload, to punish callers that copy return data.
contract ReturnBomb {
    receive() external payable {
        assembly {
            revert(0, 1000000)
        }
    }

    fallback() external payable {
        assembly {
            revert(0, 1000000)
        }
    }
}

/// @notice On receipt (ETH, or any call it is pointed at) calls back into `target` with `data` once,
/// and records whether the reentrant call succeeded.
contract ReentrantRecipient {
    address public reentryTarget;
    bytes public data;
    bool public attempted;
    bool public reentered;
    bytes public reentryError;

    function arm(address target_, bytes calldata data_) external {
        reentryTarget = target_;
        data = data_;
        attempted = false;
    }

    receive() external payable {
        _reenter();
    }

    /// @dev Token hooks (ERC-777 style) or any callback land here.
    fallback() external payable {
        _reenter();
    }

    function _reenter() private {
        if (attempted || reentryTarget == address(0)) return;
        attempted = true;
        (bool ok, bytes memory err) = reentryTarget.call(data);
        reentered = ok;
        reentryError = err;
    }
}

/// @notice Answers every call successfully with one byte of return data, which no ABI decoder accepts.
contract MalformedReturner {
    fallback() external payable {
        assembly {
            mstore(0, 0xff)
            return(31, 1)
        }
    }
}
