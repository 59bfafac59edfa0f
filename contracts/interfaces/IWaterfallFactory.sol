// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Creates Waterfalls as 50-byte clones at CREATE2 addresses that commit to their whole config.
/// @dev A tranche is packed in one word: `(uint256(cap) << 160) | uint160(recipient)`, caps non-zero and below
/// 2^96, in payment order. The CREATE2 salt is `keccak256(token ‖ residual ‖ salt ‖ tranches)` (32-byte words),
/// so an address can be published and paid before the Waterfall exists; the config is published in full in
/// `WaterfallCreated`.
interface IWaterfallFactory {
    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The tranche count is 0 or above `MAX_TRANCHES`.
    error WaterfallTrancheCount(uint256 count);

    /// @dev The tranche at `index` has a zero cap.
    error WaterfallZeroCap(uint256 index);

    /// @dev The recipient at `index` (the tranche count for the residual) is the zero address.
    error WaterfallZeroRecipient(uint256 index);

    /// @dev A Waterfall with this config and salt already exists at `waterfall`.
    error WaterfallAlreadyExists(address waterfall);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A Waterfall was created; `token`, `tranches` (packed words), `residual` and `salt` are its full,
    /// immutable config, and `configHash` its CREATE2 salt.
    event WaterfallCreated(
        address indexed waterfall,
        address indexed token,
        address indexed residual,
        bytes32 configHash,
        bytes32 salt,
        uint256[] tranches
    );

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates the Waterfall for this config at its predicted address.
    function createWaterfall(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external returns (address waterfall);

    /// @notice The address a Waterfall with this config has (or will have), and its config hash. Validates it.
    function predictWaterfall(
        address token,
        uint256[] calldata tranches,
        address residual,
        bytes32 salt
    ) external view returns (address waterfall, bytes32 configHash);

    /// @notice The Waterfall implementation every clone delegates to.
    function IMPLEMENTATION() external view returns (address);

    /// @notice keccak256 of the clone creation code (for CREATE2 address prediction off-chain).
    function CLONE_INIT_CODE_HASH() external view returns (bytes32);
}
